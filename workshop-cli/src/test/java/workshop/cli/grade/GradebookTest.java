package workshop.cli.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import workshop.cli.workspace.Exercise;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.OnStub;

@DisplayName("The grader's files")
class GradebookTest {

    /** A folder name a learner could hand in: quotes, a comma, a new line, a formula, HTML, a link, non-ASCII. */
    private static final String HOSTILE_LEARNER = "=cmd|' /C calc'!A0,\"Zoë\"\n<b>bold</b>";
    private static final String HOSTILE_MESSAGE = "expected \"x\", got 'y'\r\n</script><script>alert(1)</script> [link](javascript:alert(1)) | ünïcode";

    private static final Grader.Graded EXERCISE = new Grader.Graded(new Exercise(Path.of("exercise-01-sync")), Path.of("s"),
            Path.of("t"), List.of(), List.of("workshop.sync.DashboardTest"), Set.of("workshop.sync.DashboardTest"),
            List.of(check("loads", "correctness", 3), check("is quick", "timing", 2)));

    private static CheckOutcome check(String name, String kind, int points) {
        return new CheckOutcome("workshop.sync.DashboardTest#" + name.replace(' ', '_'), name, CheckOutcome.Status.PASSED, kind,
                points, OnStub.FAILS, 1, false, "", false);
    }

    /** The hostile learner: the correctness check passes, the timing check fails with the hostile message. */
    private static final Gradebook.SubmissionGrade HOSTILE = new Gradebook.SubmissionGrade(HOSTILE_LEARNER, List.of(
            new Grader.ExerciseGrade(EXERCISE, List.of(EXERCISE.checks().get(0),
                    EXERCISE.checks().get(1).with(CheckOutcome.Status.FAILED, HOSTILE_MESSAGE)), HOSTILE_MESSAGE)), null);
    private static final Gradebook.SubmissionGrade PLAIN = new Gradebook.SubmissionGrade("ada",
            List.of(new Grader.ExerciseGrade(EXERCISE, EXERCISE.checks(), null)), null);

    private static Gradebook book() {
        return new Gradebook(List.of(EXERCISE), List.of(HOSTILE, PLAIN));
    }

    @Nested
    @DisplayName("when a learner's folder name and a check's message are hostile")
    class WhenHostile {

        @Test
        @DisplayName("the gradebook parses back as CSV: one row per learner, the points in their columns, no cell a formula")
        void csv() throws IOException {
            // WHEN the gradebook is written and read back by a CSV parser
            List<CSVRecord> rows;
            List<String> header;
            try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(book().csv()))) {
                rows = parser.getRecords();
                header = parser.getHeaderNames();
            }

            // THEN each learner is one row, the name kept but made inert, and the points where the header says
            assertThat(header).containsExactly("learner", "exercise-01-sync correctness (/3)", "exercise-01-sync timing (/2)", "total (/5)", "status", "report");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("learner")).isEqualTo("'" + HOSTILE_LEARNER);
            assertThat(rows.get(0).get("exercise-01-sync correctness (/3)")).isEqualTo("3");
            assertThat(rows.get(0).get("exercise-01-sync timing (/2)")).isEqualTo("0");
            assertThat(rows.get(0).get("total (/5)")).isEqualTo("3");
            assertThat(rows.get(0).get("status")).isEqualTo("exercise-01-sync: " + HOSTILE_MESSAGE);
            assertThat(rows.get(1).toList()).containsExactly("ada", "3", "2", "5", "ok", "no report");
            assertThat(rows).flatMap(CSVRecord::toList).as("no cell starts a formula")
                    .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
        }

        @Test
        @DisplayName("results.json parses back as Gradescope's format, every text as it was")
        void json() {
            // WHEN the hostile learner's results.json is written and read back
            String json = Gradebook.resultsJson(HOSTILE);
            Gradebook.GradescopeResults results = Gradebook.GRADESCOPE.readValue(json, Gradebook.GradescopeResults.class);

            // THEN the score, every test and every text come back unchanged, in Gradescope's field names
            assertThat(json).contains("\"max_score\"").doesNotContain("maxScore");
            assertThat(results.score()).isEqualTo(3);
            assertThat(results.output()).isEqualTo(HOSTILE_LEARNER + ": exercise-01-sync: " + HOSTILE_MESSAGE);
            assertThat(results.tests()).containsExactly(
                    new Gradebook.GradescopeTest("exercise-01-sync > loads", 3, 3, "passed", List.of("exercise-01-sync", "correctness"), "visible"),
                    new Gradebook.GradescopeTest("exercise-01-sync > is quick", 0, 2, HOSTILE_MESSAGE, List.of("exercise-01-sync", "timing"), "visible"));
        }

        @Test
        @DisplayName("the Markdown summary keeps its table: one line per learner, no markup, link or HTML")
        void markdown() {
            // WHEN the class summary is written in Markdown
            List<String> lines = book().markdown().lines().toList();

            // THEN the learner table has one line per learner, each with exactly the table's four cells
            List<String> learnerRows = lines.subList(lines.indexOf("|---|---:|---|---|") + 1, lines.indexOf("|---|---:|---|---|") + 3);
            assertThat(learnerRows).allSatisfy(row -> assertThat(row.split("(?<!\\\\)\\|", -1)).as("cells of " + row).hasSize(6));
            assertThat(learnerRows.get(1)).isEqualTo("| ada | 5 | ok | no report |");
            // AND every character that Markdown reads as markup is escaped
            assertThat(String.join("\n", lines)).doesNotContainPattern("(?<!\\\\)<").doesNotContainPattern("(?<!\\\\)\\[link")
                    .contains("\\</script\\>");
        }

        @Test
        @DisplayName("the HTML summary shows the texts as text: no tag of theirs reaches the page")
        void html() {
            // WHEN the class summary is written in HTML
            String html = book().html();

            // THEN the hostile texts are escaped, and the page's only script-like text is the escaped one
            assertThat(html).doesNotContain("<script", "<b>", "</script>")
                    .contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt;", "Zoë", "&quot;Zoë&quot;");
        }
    }
}
