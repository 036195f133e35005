package workshop.cli;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import workshop.kit.check.CheckOutcome;

/** The grader's outputs: the gradebook (CSV), the class summary (Markdown and HTML), Gradescope's results.json. */
final class Gradebook {

    /** A graded submission: its learner id, and every exercise graded, or why nothing could be. */
    record SubmissionGrade(String learner, List<Grader.ExerciseGrade> exercises, String problem) {

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

    String csv() {
        StringBuilder out = new StringBuilder("learner");
        for (Grader.Graded exercise : exercises) {
            out.append(',').append(exercise.name()).append(" correctness (/").append(exercise.max("correctness")).append(')');
            out.append(',').append(exercise.name()).append(" timing (/").append(exercise.max("timing")).append(')');
        }
        out.append(",total (/").append(max()).append("),status\n");
        for (SubmissionGrade grade : grades) {
            out.append(csvField(grade.learner()));
            for (Grader.ExerciseGrade exercise : grade.exercises()) {
                out.append(',').append(exercise.points("correctness")).append(',').append(exercise.points("timing"));
            }
            out.append(',').append(grade.total()).append(',').append(csvField(grade.status())).append('\n');
        }
        return out.toString();
    }

    private static String csvField(String value) {
        String flat = value.replace('\n', ' ').replace('\r', ' ');
        return flat.matches(".*[\",].*") || flat.startsWith("=") || flat.startsWith("+") || flat.startsWith("-") || flat.startsWith("@")
                ? "\"" + (flat.matches("^[=+\\-@].*") ? "'" : "") + flat.replace("\"", "\"\"") + "\"" : flat;
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
        out.append("| learner | points | status |\n|---|---:|---|\n");
        grades.forEach(g -> out.append("| ").append(md(g.learner())).append(" | ").append(g.total()).append(" | ").append(md(g.status())).append(" |\n"));
        out.append("\n## Checks: how many learners passed each\n\nThe lowest rows are the concepts the class missed.\n");
        for (Grader.Graded exercise : exercises) {
            out.append("\n### ").append(exercise.name()).append("\n\n| check | kind | points | visible | passed |\n|---|---|---:|---|---:|\n");
            tallies().stream().filter(t -> t.exercise() == exercise).forEach(t -> out.append("| ").append(md(t.check().name()))
                    .append(" | ").append(t.check().kind()).append(" | ").append(t.check().points())
                    .append(" | ").append(exercise.visible(t.check()) ? "yes" : "hidden")
                    .append(" | ").append(t.passed()).append("/").append(n).append(" (").append(t.percent(n)).append("%) |\n"));
        }
        return out.toString();
    }

    private static String md(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
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
        out.append("<table><tr><th>learner</th><th>points</th><th>status</th></tr>\n");
        grades.forEach(g -> out.append("<tr><td>").append(h(g.learner())).append("</td><td class=num>").append(g.total())
                .append("</td><td>").append(h(g.status())).append("</td></tr>\n"));
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
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Gradescope's results.json for one submission. */
    static String resultsJson(SubmissionGrade grade) {
        StringBuilder out = new StringBuilder("{\n  \"score\": ").append(grade.total()).append(",\n");
        out.append("  \"output\": ").append(json(grade.learner() + ": " + grade.status())).append(",\n");
        out.append("  \"tests\": [");
        String tests = grade.exercises().stream().flatMap(exercise -> exercise.checks().stream().map(check ->
                "\n    {\"name\": " + json(exercise.exercise().name() + " > " + check.name())
                        + ", \"score\": " + (check.passed() ? check.points() : 0)
                        + ", \"max_score\": " + check.points()
                        + ", \"output\": " + json(check.passed() ? "passed" : check.message())
                        + ", \"tags\": [" + json(exercise.exercise().name()) + ", " + json(check.kind()) + "]"
                        + ", \"visibility\": " + json(exercise.exercise().visible(check) ? "visible" : "after_published") + "}"))
                .collect(Collectors.joining(","));
        return out.append(tests).append("\n  ]\n}\n").toString();
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
