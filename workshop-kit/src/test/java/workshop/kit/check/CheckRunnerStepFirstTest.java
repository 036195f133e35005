package workshop.kit.check;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workshop.kit.Budgets;

/**
 * {@code CheckRunner --step-first N} in a JVM of its own, on a sample of two steps written in the
 * order step 1, step 2: step 2's checks run first, the marker appears before the others start, and
 * the report holds every check.
 */
@DisplayName("A check run with a step first")
class CheckRunnerStepFirstTest {

    /** The file step 1's check leaves, in the fork's working folder: step 2's check fails if it is there already. */
    static final String STEP_1_RAN = "step-1-ran";

    @TempDir
    Path work;

    @Test
    @DisplayName("runs the step's checks first, says so with its marker, then runs the others")
    void step_first() throws Exception {
        // GIVEN a sample whose step 1 check comes first in the class
        Path report = work.resolve("checks.tsv");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-D" + SampleRun.DEACTIVATE + "=" + SampleRun.DISABLED_CONDITION,
                "-cp", System.getProperty("java.class.path"), CheckRunner.class.getName(),
                CheckRunner.STEP_FIRST, "2", report.toString(), TwoSteps.class.getName());

        // WHEN it runs with step 2 first
        Process run = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("output.txt").toFile()).start();
        boolean ended = run.waitFor(Budgets.GUARD.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            run.destroyForcibly().waitFor();
        }

        // THEN step 2's check passed (step 1's had not run), then step 1's ran, and the marker names step 2
        assertThat(ended).as("the run ended within %s; output:%n%s", Budgets.describe(Budgets.GUARD),
                Files.exists(work.resolve("output.txt")) ? Files.readString(work.resolve("output.txt")) : "").isTrue();
        List<CheckOutcome> outcomes = CheckOutcome.read(report);
        assertThat(outcomes).extracting(CheckOutcome::method).as("checks in the order they ran")
                .containsExactly("of_step_2", "of_step_1");
        assertThat(outcomes).allMatch(CheckOutcome::passed, "every check passed (step 2's fails when step 1's ran before it)");
        Path marker = CheckRunner.stepDone(report);
        assertThat(marker).exists();
        assertThat(Files.readString(marker).split("\t")[0]).as("the step the marker names").isEqualTo("2");
        assertThat(Files.getLastModifiedTime(marker).toMillis()).as("the marker came before step 1's check ran")
                .isLessThanOrEqualTo(Files.getLastModifiedTime(work.resolve(STEP_1_RAN)).toMillis());
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class TwoSteps {

        @Test
        @Step(1)
        void of_step_1() throws Exception {
            Files.writeString(Path.of(STEP_1_RAN), "ran\n");
        }

        @Test
        @Step(2)
        void of_step_2() {
            assertThat(Path.of(STEP_1_RAN)).as("step 1's check ran before step 2's").doesNotExist();
        }
    }
}
