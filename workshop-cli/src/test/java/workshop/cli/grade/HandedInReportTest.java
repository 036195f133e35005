package workshop.cli.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.Markdown;
import workshop.cli.workspace.Progress;
import workshop.cli.workspace.ProgressReportFile;
import workshop.cli.workspace.Workspace;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.OnStub;

@DisplayName("A progress report handed in with the code")
class HandedInReportTest {

    /** A check name with the characters a Markdown report escapes. */
    private static final String TRICKY = "the page | loads *all* parts [in time] <fast>";

    private static CheckOutcome check(String name, CheckOutcome.Status status, String message) {
        return new CheckOutcome("workshop.sync.DashboardTest#" + name.hashCode(), name, status, "correctness",
                3, OnStub.FAILS, 1, false, message, false);
    }

    private static final List<CheckOutcome> RAN = List.of(
            check("loads", CheckOutcome.Status.PASSED, ""),
            check(TRICKY, CheckOutcome.Status.PASSED, ""),
            check("is bounded", CheckOutcome.Status.FAILED, "took 3.1 s, limit 2.0 s\nmore"));

    /** Writes the report as {@code ./workshop status --report} does, from a workspace whose exercise ran {@link #RAN}. */
    private static String reportOf(Path workspace) throws IOException {
        Path exercise = workspace.resolve("exercise-01-sync");
        Files.createDirectories(exercise.resolve("target/workshop"));
        Files.writeString(exercise.resolve("README.md"), "# Exercise 01\n\n## Steps\n\n### Step 1: load it\n\nText.\n");
        Files.write(exercise.resolve("target/workshop/checks.tsv"), RAN.stream().map(CheckOutcome::toLine).toList());
        Exercise ex = new Exercise(exercise);
        return ProgressReportFile.render(new Workspace(workspace), List.of(Progress.of(ex)));
    }

    @Test
    @DisplayName("holds the figures the exercise's checks measured, below its checks")
    void holds_the_figures_measured(@TempDir Path workspace) throws IOException {
        // GIVEN an exercise whose step 7 kept its figures
        Path figures = Files.createDirectories(workspace.resolve("exercise-01-sync/target/workshop/figures"));
        Files.writeString(figures.resolve("step-7.txt"), "worker processes 2.7 s, threads 2.5 s, one thread 4.9 s\n");

        // WHEN the report is written
        String report = reportOf(workspace);

        // THEN the figures stand in the exercise's section, after its checks
        assertThat(report).contains("Step 7's figures, measured on the learner's machine on ",
                "```text\nworker processes 2.7 s, threads 2.5 s, one thread 4.9 s\n```");
        assertThat(report.indexOf("Step 7's figures")).isGreaterThan(report.indexOf("is bounded"));
    }

    private static Grader.ExerciseGrade graded(List<CheckOutcome> checks) {
        Grader.Graded exercise = new Grader.Graded(new Exercise(Path.of("exercise-01-sync")), Path.of("s"), Path.of("t"), List.of(),
                List.of("workshop.sync.DashboardTest"), Set.of("workshop.sync.DashboardTest"), checks);
        return new Grader.ExerciseGrade(exercise, checks, null);
    }

    @Test
    @DisplayName("reads back every check the report writes, names with Markdown characters included")
    void reads_back_what_it_writes(@TempDir Path workspace) throws IOException {
        // WHEN the report is written and read back
        var claims = ProgressReportFile.claims(reportOf(workspace));

        // THEN each check comes back with what the report says of it
        assertThat(claims).containsOnlyKeys("exercise-01-sync");
        assertThat(claims.get("exercise-01-sync")).containsExactly(
                java.util.Map.entry("loads", true), java.util.Map.entry(Markdown.literal(TRICKY), true), java.util.Map.entry("is bounded", false));
    }

    @Test
    @DisplayName("agrees with a grade in which every claimed check passes, and names each claimed check that fails")
    void compares_its_claims_with_the_grade(@TempDir Path workspace) throws IOException {
        // GIVEN a submission that holds its report beside the exercises
        Path submission = Files.createDirectories(workspace.resolve("submission"));
        Files.writeString(submission.resolve("proof.md"), reportOf(workspace.resolve("learner")));
        Files.writeString(submission.resolve("README.md"), "# Not a report\n");

        // WHEN the grade agrees, and WHEN the hidden run finds a claimed check failing
        var agreeing = HandedInReport.find(submission, List.of(graded(RAN)));
        var contradicted = HandedInReport.find(submission, List.of(graded(List.of(
                RAN.get(0), RAN.get(1).with(CheckOutcome.Status.FAILED, "no"), RAN.get(2)))));

        // THEN the first agrees, the second names the check it claimed; a check it reported failing is no claim
        assertThat(agreeing.verdict()).isEqualTo("report agrees: 2 passing check(s) claimed, all pass here");
        assertThat(contradicted.verdict()).isEqualTo("report claims 1 of 2 passing check(s) that fail here: exercise-01-sync: " + TRICKY);
        assertThat(agreeing.text()).startsWith(ProgressReportFile.TITLE);
        assertThat(HandedInReport.find(workspace.resolve("learner"), List.of(graded(RAN)))).as("no report there").isNull();
    }
}
