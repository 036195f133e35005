package workshop.cli.learner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junitpioneer.jupiter.RestoreSystemProperties;
import workshop.cli.CommandRun;
import workshop.cli.ScratchTree;
import workshop.cli.workspace.ExitCode;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.OnStub;
import workshop.kit.check.SourceDigest;

@RestoreSystemProperties
@DisplayName("The learner's commands")
class LearnerCommandsTest {

    @TempDir
    Path root;


    @BeforeEach
    void a_workshop_with_two_exercises() throws IOException {
        System.setProperty("workshop.root", root.toString());
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        exercise("exercise-01-sync", """
                # Exercise 01

                ### Step 1: measure
                > Hint: first, gently
                > Hint: second, closer
                > Hint: third, nearly the answer

                ### Step 2: bound it, with a timeout on every call and a budget for the whole page
                > Hint: use a timeout
                """);
        exercise("exercise-02-threads", "# Exercise 02\n\n### Step 1: threads\n> Hint: start one per call\n");
    }

    private void exercise(String name, String readme) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name).resolve("src/main/java/workshop"));
        Files.writeString(dir.resolve("Stub.java"), "class Stub {}\n");
        Files.writeString(root.resolve(name).resolve("README.md"), readme);
    }

    private void results(String exercise, String... lines) throws IOException {
        Path report = Files.createDirectories(root.resolve(exercise).resolve("target/workshop")).resolve("checks.tsv");
        Files.write(report, List.of(lines));
        SourceDigest.keep(root.resolve(exercise));
    }

    private static String check(String method, String status, int step, String message) {
        return new CheckOutcome("workshop.sync.SyncTest#" + method, "The dashboard > " + method.replace('_', ' '),
                CheckOutcome.Status.valueOf(status), "correctness", 2, OnStub.FAILS, step, false, message, false).toLine();
    }

    @Nested
    @DisplayName("status")
    class Status {

        @Test
        @DisplayName("shows checks passing, the next step and the command, for every exercise, within a second")
        void shows_every_exercise() throws IOException {
            // GIVEN exercise 01 ran with one check of three passing, exercise 02 never ran
            results("exercise-01-sync", check("measures", "PASSED", 1, ""),
                    check("bounds_the_call", "FAILED", 2, "expected at most 1 s"), check("records_spans", "FAILED", 2, "no spans"));
            // WHEN status runs
            long started = System.nanoTime();
            CommandRun ran = CommandRun.of("status");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // THEN it lists both, with the right progress and next step
            assertThat(ran.exit()).isZero();
            assertThat(ran.out().replaceAll("\\s+", " ")).contains("exercise-01-sync").contains("1/3")
                    .as("the step's whole title, never cut short")
                    .contains("step 2: bound it, with a timeout on every call and a budget for the whole page")
                    .contains("./mvnw test -pl exercise-01-sync").contains("./workshop hint exercise-01-sync")
                    .doesNotContain("…");
            assertThat(ran.out()).containsPattern("exercise-02-threads +not run yet");
            assertThat(took).as("status must answer fast").isLessThan(Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("shows the figures a check measured on this machine, above the table")
        void shows_step_figures() throws IOException {
            // GIVEN exercise 02's step 3 check kept its figures
            Path figures = root.resolve("exercise-02-threads").resolve(workshop.kit.check.StepFigures.FOLDER).resolve("step-3.txt");
            Files.createDirectories(figures.getParent());
            Files.writeString(figures, "one thread   156 ms\nfour threads  41 ms\n");
            // WHEN status runs
            CommandRun ran = CommandRun.of("status");
            // THEN the figures come first, named by exercise and step, and the table after them
            assertThat(ran.out()).contains("exercise-02-threads, step 3's figures, measured on this machine just now:")
                    .contains("  one thread   156 ms\n  four threads  41 ms");
            assertThat(ran.out().indexOf("four threads")).as("the figures above the table")
                    .isLessThan(ran.out().indexOf("Blocking to Concurrent: your progress"));
        }

        @Test
        @DisplayName("says the sources changed since the run only when their content did, whatever their file times")
        void changed_by_content() throws IOException {
            // GIVEN exercise 01 ran on its sources
            results("exercise-01-sync", check("measures", "FAILED", 1, "no spans"));
            Path stub = root.resolve("exercise-01-sync/src/main/java/workshop/Stub.java");
            // WHEN a file is written again with the same content, a newer file time
            Files.writeString(stub, Files.readString(stub));
            Files.setLastModifiedTime(stub, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            // THEN status shows the run as it is, not as changed
            assertThat(CommandRun.of("status").out()).doesNotContain("changed since");
            // WHEN its content changes THEN status says the run no longer shows these sources
            Files.writeString(stub, "class Stub { int mine; }\n");
            assertThat(CommandRun.of("status").out()).contains("(changed since this run)");
        }

        @Test
        @DisplayName("--report writes the progress check by check as Markdown, with the lab's last tables, for a mentor")
        void report() throws IOException {
            // GIVEN exercise 01 ran with one check of two passing, and the lab ran on the learner's code
            results("exercise-01-sync", check("measures", "PASSED", 1, ""), check("bounds_the_call", "FAILED", 2, "expected at most 1 s\nmore"));
            Files.createDirectories(root.resolve("target/compare"));
            Files.writeString(root.resolve("target/compare/tables.txt"), " IO-bound work: 4 models\n threads  1.2 s\n");
            Path report = root.resolve("progress.md");

            // WHEN status runs with --report
            CommandRun ran = CommandRun.of("status", "--report", report.toString());

            // THEN the report holds the summary, each check with its outcome, the first line of a failure, and the lab's tables
            assertThat(ran.exit()).as(ran.err()).isZero();
            assertThat(ran.out()).contains("Wrote " + report);
            String markdown = Files.readString(report);
            assertThat(markdown).contains("| exercise-01-sync | 1/2 | in progress |", "| exercise-02-threads | - | not run yet |")
                    .contains("- [x] The dashboard \\> measures (correctness, 2 points, step 1)")
                    .contains("- [ ] The dashboard \\> bounds the call (correctness, 2 points, step 2): expected at most 1 s")
                    .doesNotContain("more")
                    .contains("## The comparison lab, as last run", " threads  1.2 s");
        }

        @Test
        @DisplayName("outside a workshop folder, says so in one sentence with exit code 3")
        void outside_a_workshop() throws IOException {
            // GIVEN a folder that is not a workshop
            System.setProperty("workshop.root", Files.createDirectories(root.resolve("elsewhere")).toString());
            // WHEN status runs THEN it fails with one sentence
            CommandRun ran = CommandRun.of("status");
            assertThat(ran.exit()).isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(ran.err().strip().lines()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("hint")
    class Hint {

        @Test
        @DisplayName("gives one more hint of the next failing check's step each time, then says it was the last")
        void progressive_hints() throws IOException {
            // GIVEN a failing check of step 1
            results("exercise-01-sync", check("measures", "FAILED", 1, "expected 4 spans, got 0"));
            // WHEN hint is asked four times
            CommandRun first = CommandRun.of("hint", "01");
            CommandRun second = CommandRun.of("hint", "exercise-01-sync");
            CommandRun third = CommandRun.of("hint");
            CommandRun fourth = CommandRun.of("hint");
            // THEN the hints come one by one, in the README's order
            assertThat(first.out()).contains("expected 4 spans, got 0").contains("Hint 1/3: first, gently").doesNotContain("Hint 2/3");
            assertThat(second.out()).contains("Hint 2/3: second, closer").doesNotContain("Hint 3/3");
            assertThat(third.out()).contains("Hint 3/3: third, nearly the answer").contains("last hint");
            assertThat(fourth.out()).contains("Hint 3/3").contains("last hint");
            assertThat(Files.readString(root.resolve("exercise-01-sync/target/workshop/hints-shown")).strip()).isEqualTo("1 3");
        }

        @Test
        @DisplayName("starts again from the first hint when the next failing check moves to another step")
        void new_step_new_hints() throws IOException {
            // GIVEN two hints of step 1 were shown
            results("exercise-01-sync", check("measures", "FAILED", 1, "m"));
            CommandRun.of("hint", "01");
            CommandRun.of("hint", "01");
            // WHEN step 1 passes and step 2 fails
            results("exercise-01-sync", check("measures", "PASSED", 1, ""), check("bounds_the_call", "FAILED", 2, "too slow"));
            CommandRun ran = CommandRun.of("hint", "01");
            // THEN the first hint of step 2 comes
            assertThat(ran.out()).contains("step 2: bound it").contains("Hint 1/1: use a timeout");
        }

        @Test
        @DisplayName("for an unknown exercise, names the exercises and exits with 2")
        void unknown_exercise() {
            CommandRun ran = CommandRun.of("hint", "99");
            assertThat(ran.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(ran.err()).contains("exercise-01-sync, exercise-02-threads");
        }
    }

    @Nested
    @DisplayName("reset")
    class Reset {

        @Test
        @DisplayName("brings back the stub from git and keeps the learner's version in a named backup")
        void restores_and_keeps_a_backup() throws IOException {
            // GIVEN a git repository whose stub the learner changed and extended
            new ScratchTree(root).commit();
            Path stub = root.resolve("exercise-01-sync/src/main/java/workshop/Stub.java");
            Files.writeString(stub, "class Stub { int mine; }\n");
            Files.writeString(stub.resolveSibling("Extra.java"), "class Extra {}\n");
            // WHEN reset runs with --yes
            CommandRun ran = CommandRun.of("reset", "01", "--yes");
            // THEN the stub is back, the extra file gone, and the backup holds both of the learner's files
            assertThat(ran.exit()).as(ran.err()).isZero();
            assertThat(Files.readString(stub)).isEqualTo("class Stub {}\n");
            assertThat(stub.resolveSibling("Extra.java")).doesNotExist();
            String backup = ran.out().lines().filter(l -> l.startsWith("Your version is in ")).findFirst().orElseThrow()
                    .substring("Your version is in ".length()).replaceAll("\\.$", "");
            assertThat(Files.readString(root.resolve(backup).resolve("workshop/Stub.java"))).contains("int mine");
            assertThat(root.resolve(backup).resolve("workshop/Extra.java")).exists();
        }

        @Test
        @DisplayName("--undo brings the learner's version back, and undoing again swaps back to the stub; nothing is lost")
        void undo() throws IOException {
            // GIVEN a learner's version, reset to the stub
            new ScratchTree(root).commit();
            Path stub = root.resolve("exercise-01-sync/src/main/java/workshop/Stub.java");
            Files.writeString(stub, "class Stub { int mine; }\n");
            Files.writeString(stub.resolveSibling("Extra.java"), "class Extra {}\n");
            assertThat(CommandRun.of("reset", "01", "--yes").exit()).isZero();
            assertThat(Files.readString(stub)).isEqualTo("class Stub {}\n");

            // WHEN reset --undo runs
            CommandRun undone = CommandRun.of("reset", "--undo", "01", "--yes");
            // THEN the learner's files are back, exactly, and the stub it replaced is kept as a backup
            assertThat(undone.exit()).as(undone.err()).isZero();
            assertThat(Files.readString(stub)).isEqualTo("class Stub { int mine; }\n");
            assertThat(stub.resolveSibling("Extra.java")).hasContent("class Extra {}");
            assertThat(undone.out()).contains("Brought back exercise-01-sync from backups/exercise-01-sync-");

            // WHEN it runs again THEN the stub is back, and the learner's version is a backup again
            assertThat(CommandRun.of("reset", "--undo", "01", "--yes").exit()).isZero();
            assertThat(Files.readString(stub)).isEqualTo("class Stub {}\n");
            assertThat(stub.resolveSibling("Extra.java")).doesNotExist();
            assertThat(CommandRun.of("reset", "--undo", "01", "--yes").exit()).isZero();
            assertThat(Files.readString(stub)).contains("int mine");
        }

        @Test
        @DisplayName("--undo without any backup says so and changes nothing")
        void undo_without_backup() throws IOException {
            // WHEN undo runs before any reset THEN it says there is nothing to bring back, and the sources stay
            CommandRun ran = CommandRun.of("reset", "--undo", "01", "--yes");
            assertThat(ran.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(ran.err()).contains("No backup of exercise-01-sync to bring back");
            assertThat(root.resolve("exercise-01-sync/src/main/java/workshop/Stub.java")).hasContent("class Stub {}");
        }

        @Test
        @DisplayName("without --yes and without a yes on its input, changes nothing and exits with 1")
        void asks_first() throws IOException {
            new ScratchTree(root).commit();
            Path stub = root.resolve("exercise-01-sync/src/main/java/workshop/Stub.java");
            Files.writeString(stub, "class Stub { int mine; }\n");
            var in = System.in;
            try {
                System.setIn(new java.io.ByteArrayInputStream("n\n".getBytes()));
                CommandRun ran = CommandRun.of("reset", "01");
                assertThat(ran.exit()).isEqualTo(ExitCode.CHECK_FAILED);
                assertThat(Files.readString(stub)).contains("int mine");
            } finally {
                System.setIn(in);
            }
        }
    }
}
