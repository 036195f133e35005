package workshop.kit.check;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static workshop.kit.WorkshopAssertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import workshop.kit.check.CheckOutcome.Status;

/**
 * The learner's progress table. Each case runs a sample exercise (a static nested class below,
 * disabled in normal runs) on a launcher with only this listener, and reads what it printed and
 * the report it kept.
 */
@DisplayName("The progress report")
class ProgressReportTest {

    static final String EXERCISE = "exercise-09-sample";

    static final List<String> README = List.of(
            "# Exercise 09: a sample",
            "### Step 1: Load the dashboard",
            "> Hint: Call each backend once.",
            "### Step 2: Overlap the calls",
            "> Hint: Start every call before you wait for any.",
            "> Hint: Submit each call to an executor, then get() each future.",
            "### Step 3: Name the backend",
            "> Hint: Wrap each failure in a BackendException.");

    final Map<String, String> savedProperties = new HashMap<>();
    Path readme;

    @BeforeEach
    void write_the_lesson(@TempDir Path root) throws IOException {
        readme = Files.createDirectories(root.resolve(EXERCISE)).resolve("README.md");
        Files.write(readme, README);
    }

    @AfterEach
    void restore_the_properties() {
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** Runs {@code sample} with a fresh ProgressReport as the only listener; returns what it printed. */
    String runWithTheReport(Class<?> sample, String lesson) {
        return runWithTheReport(sample, lesson, null);
    }

    /** The same, with {@code -Dworkshop.progress.table} set to {@code table} (null: as an IDE runs it). */
    String runWithTheReport(Class<?> sample, String lesson, String table) {
        setProperty("workshop.progress.table", table);
        setProperty("workshop.lesson", lesson);
        setProperty("workshop.build", "kit-self-test-" + UUID.randomUUID());
        ProgressReport report = new ProgressReport();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(sample))
                    .configurationParameter(SampleRun.DEACTIVATE, SampleRun.DISABLED_CONDITION)
                    .build(), report);
        } finally {
            System.setOut(console);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("when some checks fail")
    class WhenSomeChecksFail {

        @Test
        void it_prints_the_count_and_the_failing_check_of_the_earliest_step_with_its_message_and_first_hint() {
            // GIVEN an exercise with a passing check in step 1 and failing checks in steps 3 and 2
            // WHEN its tests run with the report
            String table = runWithTheReport(HalfDone.class, readme.toString());

            // THEN the table counts 1 of 3 and points at step 2, the earliest failing step
            assertThat(table).contains("Blocking to Concurrent: your progress");
            assertThat(table).containsPattern(" " + EXERCISE + " +\\[####\\.{8}\\] +1/3 +next: step 2");
            assertThat(table).contains("Next in " + EXERCISE + ", step 2: Overlap the calls");
            assertThat(table).containsPattern("FAILED  .*b overlaps the calls");
            assertThat(table).contains("           expected 3 calls in flight at once, saw at most 1")
                    .contains("           Start every call before waiting for any.");
            assertThat(table).contains("   Hint:   Start every call before you wait for any.")
                    .doesNotContain("Submit each call to an executor");
            assertThat(table).contains("   Run:    ./mvnw test -pl " + EXERCISE + "   (2 checks fail)")
                    .contains("   Stuck?  ./workshop hint " + EXERCISE);
        }

        @Test
        void it_keeps_each_checks_outcome_in_the_exercises_report() throws IOException {
            // GIVEN the same exercise  WHEN its tests run with the report
            runWithTheReport(HalfDone.class, readme.toString());

            // THEN the report holds one line per check, with kind, points, step and the teaching message
            List<CheckOutcome> outcomes = CheckOutcome.read(Path.of(ProgressReport.REPORT));
            assertThat(outcomes).extracting(CheckOutcome::method)
                    .containsExactly("a_loads_the_dashboard", "b_overlaps_the_calls", "c_names_the_backend");
            assertThat(outcomes).extracting(CheckOutcome::status).containsExactly(Status.PASSED, Status.FAILED, Status.FAILED);
            assertThat(outcomes).extracting(CheckOutcome::kind).containsExactly("correctness", "timing", "correctness");
            assertThat(outcomes).extracting(CheckOutcome::points).containsExactly(2, 3, 1);
            assertThat(outcomes).extracting(CheckOutcome::onStub).containsExactly(OnStub.PASSES, OnStub.FAILS, OnStub.FAILS);
            assertThat(outcomes).extracting(CheckOutcome::step).containsExactly(1, 2, 3);
            assertThat(outcomes.get(1).message()).startsWith("expected 3 calls in flight at once");
            assertThat(outcomes.get(2).message())
                    .as("the message of a check that failed with an exception other than an assertion")
                    .startsWith("IllegalStateException: no backend named in the failure (at ProgressReportTest.java:");
        }
    }

    @Nested
    @DisplayName("when every check passes")
    class WhenEveryCheckPasses {

        @Test
        void it_says_so() {
            String table = runWithTheReport(AllDone.class, readme.toString());

            assertThat(table).containsPattern(" " + EXERCISE + " +\\[#{12}\\] +1/1 +done");
            assertThat(table).contains("Every check of every exercise passes. Well done!");
            assertThat(table).doesNotContain("FAILED");
        }
    }

    @Nested
    @DisplayName("when Maven runs the checks")
    class WhenMavenRunsTheChecks {

        @Test
        void it_leaves_the_table_for_the_end_of_the_build_and_prints_nothing_itself() throws IOException {
            // WHEN the exercise runs as the build runs it
            String printed = runWithTheReport(HalfDone.class, readme.toString(), "end-of-build");

            // THEN nothing is printed in the middle of the build, and the table waits in its file
            assertThat(printed).isEmpty();
            assertThat(Files.readString(Path.of(ProgressReport.TABLE)))
                    .contains("Blocking to Concurrent: your progress").contains("Next in " + EXERCISE + ", step 2");
        }

        @Test
        void other_exercises_show_their_last_run_marked_as_such() throws IOException {
            // GIVEN another exercise that ran an hour ago with one failing check
            Path other = readme.getParent().resolveSibling("exercise-08-other");
            Files.createDirectories(other.resolve("target/workshop"));
            Files.write(other.resolve("README.md"), List.of("# Exercise 08", "### Step 1: Do it", "> Hint: Just do it."));
            Path report = other.resolve(ProgressReport.REPORT);
            Files.writeString(report, new CheckOutcome("x.OtherTest#does_it", "Other > does it", Status.FAILED, "correctness", 1,
                    OnStub.FAILS, 1, false, "expected it done, it was not", false).toLine() + "\n");
            Files.setLastModifiedTime(report, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3_700)));

            // WHEN this exercise runs
            String table = runWithTheReport(HalfDone.class, readme.toString());

            // THEN the table says what this run covered, marks the other's row, and points at this run's next check
            assertThat(table).contains("your progress (this run: " + EXERCISE + ")");
            assertThat(table).containsPattern("exercise-08-other +\\[\\.{12}\\] +0/1 +next: step 1 +from 1 h ago");
            assertThat(table).contains("Next in " + EXERCISE + ", step 2");
        }
    }

    @Nested
    @DisplayName("when the build names no lesson")
    class WhenNoLessonIsNamed {

        @Test
        void it_prints_nothing() {
            assertThat(runWithTheReport(AllDone.class, "")).isEmpty();
        }
    }

    // ---- samples: run only through the launcher above ----

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class HalfDone {
        @CorrectnessCheck(points = 2, onStub = OnStub.PASSES)
        @Step(1)
        void a_loads_the_dashboard() {
        }

        @TimingCheck(points = 3)
        @Step(2)
        void b_overlaps_the_calls() {
            throw new AssertionError("expected 3 calls in flight at once, saw at most 1\nStart every call before waiting for any.");
        }

        @CorrectnessCheck
        @Step(3)
        void c_names_the_backend() {
            throw new IllegalStateException("no backend named in the failure");
        }
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class AllDone {
        @CorrectnessCheck
        @Step(1)
        void loads_the_dashboard() {
        }
    }
}
