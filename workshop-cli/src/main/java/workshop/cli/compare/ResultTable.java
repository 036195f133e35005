package workshop.cli.compare;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/** The terminal table of one workload: a row per model with its medians, or why it was left out. */
final class ResultTable {

    private static final String ROW = " %-24s %-9s %9s %9s %8s %10s %8s %8s  %s%n";

    private ResultTable() {
    }

    static void print(WorkloadResult result, int runs, int warmUps, PrintWriter out) {
        String rule = "-".repeat(112);
        out.println();
        out.println(" " + result.name().toUpperCase(java.util.Locale.ROOT) + "-bound: " + result.title());
        out.println(" medians of " + runs + (runs == 1 ? " run" : " runs") + " after " + warmUps + " warm-up"
                + (warmUps == 1 ? "" : "s") + "; ideal = " + result.idealMeaning()
                + result.ideal().map(ideal -> " = " + Figures.duration(ideal)).orElse(" (not measured)"));
        out.println(rule);
        out.printf(ROW, "model", "code", "wall", "CPU", "threads", "peak heap", "x ideal", "vs seq.", "how");
        out.println(rule);
        Optional<Duration> sequential = result.summary(Model.SEQUENTIAL).map(Summary::wall);
        for (ModelOutcome outcome : result.outcomes()) {
            if (outcome.summary().isEmpty()) {
                out.printf(" %-24s %-9s %s%n", outcome.model().label(), "-", "left out: " + outcome.note());
                continue;
            }
            Summary summary = outcome.summary().get();
            out.printf(ROW, outcome.model().label(), outcome.source(), Figures.duration(summary.wall()),
                    Figures.duration(summary.cpu()), summary.threadsStarted(), Figures.megabytes(summary.peakHeapBytes()),
                    result.ideal().map(ideal -> Figures.ratio(summary.ratioTo(ideal))).orElse("-"),
                    sequential.map(seq -> Figures.ratio((double) seq.toNanos() / summary.wall().toNanos())).orElse("-"),
                    outcome.note());
        }
        out.println(rule);
        wrapped(Explanations.terminal(result.name()), rule.length(), out);
        out.flush();
    }

    /** Prints {@code text} indented by one space, in lines no longer than {@code width}. */
    private static void wrapped(String text, int width, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width - 1) {
                out.println(" " + line);
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        out.println(" " + line);
    }
}
