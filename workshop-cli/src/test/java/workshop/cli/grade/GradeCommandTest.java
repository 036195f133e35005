package workshop.cli.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junitpioneer.jupiter.RestoreSystemProperties;
import workshop.cli.CommandRun;
import workshop.cli.workspace.ExitCode;

/** {@code ./workshop grade --exercises}: grading some exercises only, on the gallery's miniature instructor tree. */
@RestoreSystemProperties
@DisplayName("Grading some exercises only")
class GradeCommandTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("--exercises grades the exercises it names and no other")
    void grades_only_the_exercises_named() throws Exception {
        // GIVEN the miniature tree (exercises 90 and 91), built, and no submission yet
        System.setProperty("workshop.root", GradingFixture.build(temp).toString());
        Path submissions = Files.createDirectories(temp.resolve("submissions"));

        // WHEN only exercise 90 is graded
        CommandRun run = CommandRun.of("grade", submissions.toString(), "--out", temp.resolve("out").toString(), "--exercises", "90");

        // THEN the gradebook has its columns and none of exercise 91
        assertThat(run.exit()).as("exit code; printed:\n" + run.out() + run.err()).isZero();
        String header = Files.readAllLines(temp.resolve("out/gradebook.csv")).getFirst();
        assertThat(header).contains("exercise-90-greeter correctness").doesNotContain("exercise-91");
    }

    @Test
    @DisplayName("--exercises with a name no exercise has is a usage error that lists the exercises")
    void an_unknown_exercise_is_a_usage_error() throws Exception {
        // GIVEN the miniature tree
        System.setProperty("workshop.root", GradingFixture.build(temp).toString());

        // WHEN an exercise that does not exist is asked for
        CommandRun run = CommandRun.of("grade", temp.toString(), "--out", temp.resolve("out").toString(), "--exercises", "07");

        // THEN
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("no exercise called \"07\"").contains("exercise-90-greeter, exercise-91-counter");
    }
}
