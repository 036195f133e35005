package workshop.kit.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The learner's progress table: one row per exercise (checks passing out of total, the step to work
 * on), then the next failing check with the first lines of its message, its step's first hint, and
 * the commands to run next. The build prints it when a run ends; {@code ./workshop status} prints
 * the same table.
 *
 * <p>The next check comes from the first unfinished exercise of this run if there is one (the learner
 * is working on it), else from the first unfinished exercise: the exercises build on each other.
 */
public final class ProgressTable {

    /** The table's width: fits an 80-column terminal. */
    static final int WIDTH = 78;
    private static final int MESSAGE_LINES = 6;
    private static final int HINT_LINES = 3;
    private static final String INDENT = "           ";

    /**
     * One exercise's row.
     *
     * @param lesson  the exercise's lesson (its name, steps and hints)
     * @param checks  the outcomes of its last run, or empty when it never ran
     * @param thisRun whether those outcomes come from the run that prints the table
     * @param note    what to say of them besides, for example "from 12 min ago" (may be empty)
     */
    public record Row(Lesson lesson, Optional<List<CheckOutcome>> checks, boolean thisRun, String note) {

        public String exercise() {
            return lesson.exercise();
        }

        long passing() {
            return checks.map(list -> list.stream().filter(CheckOutcome::passed).count()).orElse(0L);
        }

        int total() {
            return checks.map(List::size).orElse(0);
        }

        boolean done() {
            return checks.isPresent() && total() > 0 && passing() == total();
        }

        /** The failing check of the earliest step (checks without a step come last). */
        public Optional<CheckOutcome> nextFailing() {
            return checks.flatMap(list -> list.stream().filter(check -> !check.passed())
                    .min(Comparator.comparingInt((CheckOutcome check) -> check.step() == 0 ? Integer.MAX_VALUE : check.step())));
        }
    }

    private ProgressTable() {
    }

    /** The command that runs one exercise's checks. */
    public static String runCommand(String exercise) {
        return "./mvnw test -pl " + exercise;
    }

    /** The table's lines, rows in the given order. */
    public static List<String> render(List<Row> rows) {
        String rule = "-".repeat(WIDTH);
        List<String> out = new ArrayList<>();
        out.add(rule);
        out.add(" Blocking to Concurrent: your progress" + scope(rows));
        out.add(rule);
        for (Row row : rows) {
            out.add(rowLine(row));
        }
        out.add(rule);
        Optional<Row> next = rows.stream().filter(row -> row.thisRun() && !row.done()).findFirst()
                .or(() -> rows.stream().filter(row -> !row.done()).findFirst());
        if (next.isPresent()) {
            nextSteps(next.get(), out);
        } else {
            out.add(" Every check of every exercise passes. Well done!");
        }
        out.add(rule);
        return out;
    }

    private static String scope(List<Row> rows) {
        List<String> covered = rows.stream().filter(Row::thisRun).map(Row::exercise).toList();
        if (covered.isEmpty() || covered.size() == rows.size()) {
            return "";
        }
        return covered.size() == 1 ? " (this run: " + covered.getFirst() + ")" : " (this run: " + covered.size() + " exercises)";
    }

    private static String rowLine(Row row) {
        String state;
        if (row.checks().isEmpty()) {
            state = "not run yet";
        } else {
            String next = row.done() ? "done" : row.nextFailing().map(check -> check.step() == 0 ? "next: fix a check" : "next: step " + check.step())
                    .orElse("no checks");
            state = String.format("%s %3d/%-3d %s", bar(row.passing(), row.total()), row.passing(), row.total(), next);
        }
        String line = String.format(" %-23s %s", row.exercise(), state);
        return row.note().isEmpty() ? line : String.format("%-59s %s", line, row.note());
    }

    private static void nextSteps(Row row, List<String> out) {
        String exercise = row.exercise();
        if (row.checks().isEmpty()) {
            wrap(" ", "Next: " + exercise + row.lesson().steps().stream().findFirst().map(s -> ", step " + s.number() + ": " + s.title()).orElse(""),
                    Integer.MAX_VALUE, out);
            out.add("   Run:    " + runCommand(exercise));
            return;
        }
        CheckOutcome check = row.nextFailing().orElseThrow();
        Optional<Lesson.LessonStep> step = row.lesson().step(check.step());
        wrap(" ", "Next in " + exercise + step.map(s -> ", step " + s.number() + ": " + s.title()).orElse(""), Integer.MAX_VALUE, out);
        wrap("   FAILED  ", check.name(), Integer.MAX_VALUE, out);
        List<String> message = new ArrayList<>();
        check.message().lines().forEach(line -> wrap(INDENT, line, Integer.MAX_VALUE, message));
        if (message.size() > MESSAGE_LINES) {
            message.subList(MESSAGE_LINES - 1, message.size()).clear();
            message.add(INDENT + "[...] (the whole message is above, in the test output)");
        }
        out.addAll(message);
        step.flatMap(s -> s.hints().stream().findFirst()).ifPresent(hint -> wrap("   Hint:   ", hint, HINT_LINES, out));
        long failing = row.total() - row.passing();
        out.add("   Run:    " + runCommand(exercise) + "   (" + failing + (failing == 1 ? " check fails)" : " checks fail)"));
        out.add("   Stuck?  ./workshop hint " + exercise);
    }

    /** Adds {@code text} wrapped to the table's width, the first line after {@code label}, at most {@code limit} lines. */
    static void wrap(String label, String text, int limit, List<String> out) {
        int width = WIDTH - label.length();
        String rest = text.strip();
        String prefix = label;
        int lines = 0;
        while (!rest.isEmpty() && lines < limit) {
            int cut = rest.length() <= width ? rest.length() : rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = Math.min(rest.length(), width);
            }
            String line = rest.substring(0, cut).strip();
            rest = rest.substring(cut).strip();
            if (lines == limit - 1 && !rest.isEmpty()) {
                line = line + " [...]";
            }
            out.add(prefix + line);
            prefix = " ".repeat(label.length());
            lines++;
        }
    }

    private static String bar(long passing, int total) {
        int width = 12;
        int filled = total == 0 ? 0 : (int) (width * passing / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
