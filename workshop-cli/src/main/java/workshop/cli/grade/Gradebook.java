package workshop.cli.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import workshop.cli.workspace.Markdown;
import workshop.kit.check.CheckOutcome;

/** The grader's outputs: the gradebook (CSV), the class summary (Markdown and HTML), Gradescope's results.json. */
final class Gradebook {

    /**
     * A graded submission: its learner id, every exercise graded or why nothing could be, and the
     * progress report handed in with it ({@code null} when none was).
     */
    record SubmissionGrade(String learner, List<Grader.ExerciseGrade> exercises, String problem, HandedInReport report) {

        SubmissionGrade(String learner, List<Grader.ExerciseGrade> exercises, String problem) {
            this(learner, exercises, problem, null);
        }

        /** How the report handed in compares with the grade, or that there was none. */
        String reportVerdict() {
            return report == null ? "no report" : report.verdict();
        }

        int total() {
            return exercises.stream().mapToInt(Grader.ExerciseGrade::points).sum();
        }

        String status() {
            if (problem != null) {
                return problem;
            }
            List<String> reasons = exercises.stream().filter(e -> e.reason() != null)
                    .map(e -> e.exercise().name() + ": " + e.reason()).toList();
            return reasons.isEmpty() ? "ok" : String.join("; ", reasons);
        }
    }

    private final List<Grader.Graded> exercises;
    private final List<SubmissionGrade> grades;

    Gradebook(List<Grader.Graded> exercises, List<SubmissionGrade> grades) {
        this.exercises = exercises;
        this.grades = grades;
    }

    int max() {
        return exercises.stream().mapToInt(e -> e.max("correctness") + e.max("timing")).sum();
    }

    /** The gradebook: one row per learner, two point columns per exercise, the total and the status. */
    String csv() {
        List<String> header = new ArrayList<>(List.of("learner"));
        for (Grader.Graded exercise : exercises) {
            header.add(exercise.name() + " correctness (/" + exercise.max("correctness") + ")");
            header.add(exercise.name() + " timing (/" + exercise.max("timing") + ")");
        }
        header.addAll(List.of("total (/" + max() + ")", "status", "report"));
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (SubmissionGrade grade : grades) {
                List<Object> row = new ArrayList<>(List.of(inert(grade.learner())));
                for (Grader.ExerciseGrade exercise : grade.exercises()) {
                    row.add(exercise.points("correctness"));
                    row.add(exercise.points("timing"));
                }
                row.addAll(List.of(grade.total(), inert(grade.status()), inert(grade.reportVerdict())));
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** A spreadsheet runs a cell that starts with one of these as a formula; a leading quote keeps it text. */
    private static String inert(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** Per check: how many learners passed it. */
    private record CheckTally(Grader.Graded exercise, CheckOutcome check, long passed) {
        int percent(int of) {
            return of == 0 ? 0 : (int) Math.round(100.0 * passed / of);
        }
    }

    private List<CheckTally> tallies() {
        return exercises.stream().flatMap(exercise -> exercise.checks().stream().map(check -> new CheckTally(exercise, check,
                grades.stream().flatMap(g -> g.exercises().stream())
                        .filter(e -> e.exercise().name().equals(exercise.name()))
                        .flatMap(e -> e.checks().stream())
                        .filter(c -> c.id().equals(check.id()) && c.passed()).count()))).toList();
    }

    String markdown() {
        int n = grades.size();
        StringBuilder out = new StringBuilder("# Class summary\n\n");
        out.append(n).append(" submission(s); points out of ").append(max()).append(".\n\n");
        out.append("| learner | points | status | progress report |\n|---|---:|---|---|\n");
        grades.forEach(g -> out.append("| ").append(Markdown.literal(g.learner())).append(" | ").append(g.total()).append(" | ").append(Markdown.literal(g.status()))
                .append(" | ").append(Markdown.literal(g.reportVerdict())).append(" |\n"));
        out.append("\n## Checks: how many learners passed each\n\nThe lowest rows are the concepts the class missed.\n");
        for (Grader.Graded exercise : exercises) {
            out.append("\n### ").append(exercise.name()).append("\n\n| check | kind | points | visible | passed |\n|---|---|---:|---|---:|\n");
            tallies().stream().filter(t -> t.exercise() == exercise).forEach(t -> out.append("| ").append(Markdown.literal(t.check().name()))
                    .append(" | ").append(t.check().kind()).append(" | ").append(t.check().points())
                    .append(" | ").append(exercise.visible(t.check()) ? "yes" : "hidden")
                    .append(" | ").append(t.passed()).append("/").append(n).append(" (").append(t.percent(n)).append("%) |\n"));
        }
        return out.toString();
    }

    String html() {
        int n = grades.size();
        StringBuilder out = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Class summary</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
                table{border-collapse:collapse;width:100%;margin-bottom:2rem}
                th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
                td.num{text-align:right;white-space:nowrap}
                .bar{background:#eee;width:10rem;height:.8rem;display:inline-block;vertical-align:middle}
                .fill{background:#3a7;height:100%}
                .low .fill{background:#d54}
                </style></head><body>
                <h1>Class summary</h1>
                """);
        out.append("<p>").append(n).append(" submission(s); points out of ").append(max()).append(".</p>\n");
        out.append("<table><tr><th>learner</th><th>points</th><th>status</th><th>progress report</th></tr>\n");
        grades.forEach(g -> out.append("<tr><td>").append(h(g.learner())).append("</td><td class=num>").append(g.total())
                .append("</td><td>").append(h(g.status())).append("</td><td>").append(h(g.reportVerdict())).append("</td></tr>\n"));
        out.append("</table>\n<h2>Checks: how many learners passed each</h2>\n<p>Red bars: fewer than half the class passed; start the debrief there.</p>\n");
        for (Grader.Graded exercise : exercises) {
            out.append("<h3>").append(h(exercise.name())).append("</h3>\n<table><tr><th>check</th><th>kind</th><th>points</th><th>visible</th><th>passed</th></tr>\n");
            tallies().stream().filter(t -> t.exercise() == exercise).forEach(t -> out.append("<tr><td>").append(h(t.check().name()))
                    .append("</td><td>").append(t.check().kind()).append("</td><td class=num>").append(t.check().points())
                    .append("</td><td>").append(exercise.visible(t.check()) ? "yes" : "hidden")
                    .append("</td><td class=num><span class=\"bar").append(t.percent(n) < 50 ? " low" : "").append("\"><span class=fill style=\"display:block;width:")
                    .append(t.percent(n)).append("%\"></span></span> ").append(t.passed()).append('/').append(n).append("</td></tr>\n"));
            out.append("</table>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String h(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** Gradescope's results.json for one submission, in its field names (score, max_score, ...). */
    static String resultsJson(SubmissionGrade grade) {
        List<GradescopeTest> tests = grade.exercises().stream().flatMap(exercise -> exercise.checks().stream().map(check ->
                new GradescopeTest(exercise.exercise().name() + " > " + check.name(), check.passed() ? check.points() : 0, check.points(),
                        check.passed() ? "passed" : check.message(), List.of(exercise.exercise().name(), check.kind()),
                        exercise.exercise().visible(check) ? "visible" : "after_published"))).toList();
        return GRADESCOPE.writeValueAsString(new GradescopeResults(grade.total(), grade.learner() + ": " + grade.status(), tests)) + "\n";
    }

    record GradescopeResults(int score, String output, List<GradescopeTest> tests) {
    }

    record GradescopeTest(String name, int score, int maxScore, String output, List<String> tags, String visibility) {
    }

    static final JsonMapper GRADESCOPE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(SerializationFeature.INDENT_OUTPUT).build();
}
