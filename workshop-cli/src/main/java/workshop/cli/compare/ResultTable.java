package workshop.cli.compare;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * The terminal table of one workload: a row per model with its medians, or why it was left out. A
 * server's table shows what its clients got instead of the heap and the comparison with sequential.
 */
final class ResultTable {

    private static final String ROW = " %-24s %-9s %9s %9s %8s %10s %8s %8s  %s%n";
    private static final String SERVER_ROW = " %-24s %-9s %9s %8s %8s %-16s %7s %9s %8s %8s  %s%n";

    private ResultTable() {
    }

    static void print(WorkloadResult result, int runs, int warmUps, PrintWriter out) {
        String rule = "-".repeat(112);
        out.println();
        out.println(" " + result.heading() + ": " + result.title());
        out.println(" medians of " + runs + (runs == 1 ? " run" : " runs") + " after " + warmUps + " warm-up"
                + (warmUps == 1 ? "" : "s") + "; ideal = " + result.idealMeaning()
                + result.ideal().map(ideal -> " = " + Figures.duration(ideal)).orElse(" (not measured)"));
        if (result.isServer()) {
            serverRows(result, runs, rule, out);
            return;
        }
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

    private static void serverRows(WorkloadResult result, int runs, String rule, PrintWriter out) {
        out.println(" answers: every measured run's requests by status (or why they got none); peak threads: the most"
                + " platform threads alive at once beyond those before the run");
        out.println(rule);
        out.printf(SERVER_ROW, "model", "code", "req/s", "p50", "p99", "answers", "peak", "CPU", "wall", "x ideal", "how");
        out.printf(SERVER_ROW, "", "", "", "", "", "(" + runs + (runs == 1 ? " run)" : " runs)"), "threads", "", "", "", "");
        out.println(rule);
        for (ModelOutcome outcome : result.outcomes()) {
            if (outcome.summary().isEmpty() || outcome.summary().get().served().isEmpty()) {
                out.printf(" %-24s %-9s %s%n", outcome.model().label(), "-", "left out: " + outcome.note());
                continue;
            }
            Summary summary = outcome.summary().get();
            Served served = summary.served().get();
            out.printf(SERVER_ROW, outcome.model().label(), outcome.source(), Figures.rate(served.perSecond()),
                    Figures.duration(served.p50()), Figures.duration(served.p99()), served.outcomesText(), summary.peakThreads(),
                    Figures.duration(summary.cpu()), Figures.duration(summary.wall()),
                    result.ideal().map(ideal -> Figures.ratio(summary.ratioTo(ideal))).orElse("-"), outcome.note());
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
