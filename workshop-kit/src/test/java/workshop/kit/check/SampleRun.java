package workshop.kit.check;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs sample test classes, the specimens of the kit's own tests, on the Jupiter engine in this
 * JVM, the way an exercise's tests run.
 *
 * <p>A sample is a static nested class marked {@code @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)}:
 * Surefire never picks nested classes, an IDE that does shows it skipped, and a run from here
 * switches the {@code @Disabled} condition off. The run reads the kit's
 * {@code junit-platform.properties}, so the guards are registered as learners get them.
 */
final class SampleRun {

    /** Why a sample is disabled in a normal run. */
    static final String ONLY_THROUGH_SAMPLE_RUN = "a sample that fails on purpose; the kit's own tests run it through SampleRun";

    /** The configuration parameter, and its value, that switch {@code @Disabled} off for a run of samples. */
    static final String DEACTIVATE = "junit.jupiter.conditions.deactivate";
    static final String DISABLED_CONDITION = "org.junit.*DisabledCondition";

    private SampleRun() {
    }

    /** Runs every test of the samples. */
    static EngineExecutionResults of(Class<?>... samples) {
        return EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(true)
                .configurationParameter(DEACTIVATE, DISABLED_CONDITION)
                .selectors(Arrays.stream(samples).map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new))
                .execute();
    }

    /** The failure of the one test a run of {@code sample} holds, which must have failed. */
    static Throwable onlyFailure(Class<?> sample, String why) {
        List<Event> finished = of(sample).testEvents().finished().list();
        assertThat(finished).as("tests run in %s", sample.getSimpleName()).hasSize(1);
        TestExecutionResult result = finished.getFirst().getRequiredPayload(TestExecutionResult.class);
        assertThat(result.getStatus())
                .withFailMessage("expected the sample %s to fail (%s), but it ended %s", sample.getSimpleName(), why,
                        result.getStatus())
                .isEqualTo(TestExecutionResult.Status.FAILED);
        return result.getThrowable().orElseThrow();
    }

    /** Asserts that the one test a run of {@code sample} holds passed. */
    static void passes(Class<?> sample, String why) {
        List<Event> finished = of(sample).testEvents().finished().list();
        assertThat(finished).as("tests run in %s", sample.getSimpleName()).hasSize(1);
        TestExecutionResult result = finished.getFirst().getRequiredPayload(TestExecutionResult.class);
        assertThat(result.getStatus())
                .withFailMessage("expected the sample %s to pass (%s), but it ended %s: %s", sample.getSimpleName(), why,
                        result.getStatus(), result.getThrowable().map(Throwable::getMessage).orElse(""))
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }
}
