package workshop.cli.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lab's report as one self-contained HTML page: no script, no external file. Per workload: the
 * table, a bar chart of each model's wall time in multiples of the ideal (log scale), and one SVG
 * timeline per model, every call or chunk a {@code <rect class="bar">} on a time axis the
 * workload's models share, so that work done one after another looks like stairs and work done at
 * once like a column.
 */
final class ComparisonPage {

    private static final int WIDTH = 600;
    private static final int LABEL = 170;
    private static final int MAX_PLOT_HEIGHT = 100;
    private static final int AXIS = 16;
    private static final Map<Model, String> COLOURS = Map.of(
            Model.SEQUENTIAL, "#d9534f",
            Model.PLATFORM_POOL, "#e8a33d",
            Model.VIRTUAL_THREADS, "#3f9f4f",
            Model.COMPLETABLE_FUTURE, "#2f86c9",
            Model.WORKER_PROCESSES, "#8a63c2");

    private ComparisonPage() {
    }

    /**
     * The page.
     *
     * @param results one per workload
     * @param context one line on the machine and the settings, shown under the title
     */
    static String render(List<WorkloadResult> results, String context) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Blocking to Concurrent: the comparison lab</title>
                <style>
                body { font: 13px/1.4 "DejaVu Sans", Verdana, sans-serif; margin: 16px 24px; color: #1d2330; background: #fff; }
                h1 { font-size: 20px; margin: 0 0 4px; }
                h2 { font-size: 15px; margin: 0 0 2px; }
                h3 { font-size: 12px; margin: 10px 0 2px; font-weight: normal; }
                h3 b { display: inline-block; width: 12px; height: 10px; margin-right: 6px; }
                .context, .ideal { color: #555; margin: 0 0 10px; }
                .question { max-width: 1200px; margin: 0 0 6px; }
                p.explain { max-width: 600px; margin: 2px 0 10px; color: #2c3e50; }
                .workloads { display: grid; grid-template-columns: repeat(auto-fit, minmax(600px, 1fr)); gap: 32px; }
                table { border-collapse: collapse; font-size: 12px; margin-bottom: 8px; }
                th, td { padding: 2px 8px; text-align: right; border-bottom: 1px solid #e3e6ea; white-space: nowrap; }
                th:first-child, td:first-child, td.note { text-align: left; }
                td.note { color: #8a5a00; white-space: normal; }
                .left-out { color: #8a5a00; font-size: 12px; border: 1px dashed #d8c7a0; padding: 6px 8px; width: 580px; }
                svg text { font: 11px "DejaVu Sans", Verdana, sans-serif; fill: #444; }
                rect.plot { fill: #f6f7f9; }
                line.tick { stroke: #d5d9df; }
                </style>
                </head>
                <body>
                <h1>Blocking to Concurrent: the same work, every model</h1>
                """);
        html.append("<p class=\"question\">").append(escape(Explanations.QUESTION)).append("</p>\n");
        html.append("<p class=\"context\">").append(escape(context)).append("</p>\n<div class=\"workloads\">\n");
        for (WorkloadResult result : results) {
            section(html, result);
        }
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void section(StringBuilder html, WorkloadResult result) {
        html.append("<section id=\"").append(result.name()).append("\">\n<h2>")
                .append(escape(result.heading() + ": " + result.title())).append("</h2>\n");
        html.append("<p class=\"ideal\">ideal: ").append(escape(result.idealMeaning()))
                .append(escape(result.ideal().map(ideal -> " = " + Figures.duration(ideal)).orElse(" (not measured)"))).append("</p>\n");
        table(html, result);
        explain(html, result, "table", null, Explanations.table(result.name()));
        if (result.ideal().isPresent()) {
            ratioChart(html, result);
            explain(html, result, "ratios", null, Explanations.ratios(result.name()));
        }
        long axisNanos = result.outcomes().stream().flatMap(outcome -> outcome.summary().stream())
                .mapToLong(summary -> Math.max(summary.wall().toNanos(),
                        summary.bars().stream().mapToLong(Bar::endNanos).max().orElse(0)))
                .max().orElse(1);
        for (ModelOutcome outcome : result.outcomes()) {
            timeline(html, result, outcome, Math.max(1, axisNanos));
        }
        html.append("</section>\n");
    }

    /** The sentences under a figure: what to look for, and what it says about the workshop's question. */
    private static void explain(StringBuilder html, WorkloadResult result, String figure, Model model, String text) {
        html.append("<p class=\"explain\" data-figure=\"").append(figure).append("\" data-workload=\"").append(result.name()).append('"');
        if (model != null) {
            html.append(" data-model=\"").append(model.slug()).append('"');
        }
        html.append('>').append(escape(text)).append("</p>\n");
    }

    /** Whose code ran, as the timeline's heading says it. */
    private static String whoseCode(String source) {
        return switch (source) {
            case "yours" -> "your code";
            case "reference" -> "the reference solution";
            default -> source + " code";
        };
    }

    private static void table(StringBuilder html, WorkloadResult result) {
        if (result.isServer()) {
            serverTable(html, result);
            return;
        }
        html.append("<table>\n<tr><th>model</th><th>code</th><th>wall</th><th>CPU</th><th>threads</th><th>peak heap</th>"
                + "<th>x ideal</th></tr>\n");
        for (ModelOutcome outcome : result.outcomes()) {
            html.append("<tr><td>").append(escape(outcome.model().label())).append("</td>");
            if (outcome.summary().isEmpty()) {
                html.append("<td class=\"note\" colspan=\"6\">left out: ").append(escape(outcome.note())).append("</td></tr>\n");
                continue;
            }
            Summary summary = outcome.summary().get();
            html.append("<td>").append(escape(outcome.source())).append("</td><td>").append(Figures.duration(summary.wall()))
                    .append("</td><td>").append(Figures.duration(summary.cpu())).append("</td><td>").append(summary.threadsStarted())
                    .append("</td><td>").append(Figures.megabytes(summary.peakHeapBytes())).append("</td><td>")
                    .append(result.ideal().map(ideal -> Figures.ratio(summary.ratioTo(ideal))).orElse("-")).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** A server's table: what its clients got (rates and latencies are medians, answers every run's), its threads and CPU. */
    private static void serverTable(StringBuilder html, WorkloadResult result) {
        html.append("<table>\n<tr><th>model</th><th>code</th><th>requests/s</th><th>p50</th><th>p99</th><th>answers</th>"
                + "<th>peak threads</th><th>CPU</th><th>wall</th><th>x ideal</th></tr>\n");
        for (ModelOutcome outcome : result.outcomes()) {
            html.append("<tr><td>").append(escape(outcome.model().label())).append("</td>");
            if (outcome.summary().isEmpty() || outcome.summary().get().served().isEmpty()) {
                html.append("<td class=\"note\" colspan=\"9\">left out: ").append(escape(outcome.note())).append("</td></tr>\n");
                continue;
            }
            Summary summary = outcome.summary().get();
            Served served = summary.served().get();
            html.append("<td>").append(escape(outcome.source())).append("</td><td>").append(Figures.rate(served.perSecond()))
                    .append("</td><td>").append(Figures.duration(served.p50())).append("</td><td>").append(Figures.duration(served.p99()))
                    .append("</td><td>").append(escape(served.outcomesText())).append("</td><td>").append(summary.peakThreads())
                    .append("</td><td>").append(Figures.duration(summary.cpu())).append("</td><td>").append(Figures.duration(summary.wall()))
                    .append("</td><td>").append(result.ideal().map(ideal -> Figures.ratio(summary.ratioTo(ideal))).orElse("-"))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Wall time in multiples of the ideal, on a log scale from 1x, so that 1.2x and 100x both show. */
    private static void ratioChart(StringBuilder html, WorkloadResult result) {
        Duration ideal = result.ideal().get();
        List<ModelOutcome> outcomes = result.outcomes();
        double largest = outcomes.stream().flatMap(outcome -> outcome.summary().stream())
                .mapToDouble(summary -> summary.ratioTo(ideal)).max().orElse(1);
        double top = Math.max(2, largest * 1.15);
        int plot = WIDTH - LABEL - 50;
        int row = 18;
        int height = outcomes.size() * row + AXIS + 4;
        html.append("<svg class=\"ratios\" data-workload=\"").append(result.name()).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"wall time in multiples of the ideal\">\n");
        for (double tick : ticks(top)) {
            double x = LABEL + plot * Math.log(tick) / Math.log(top);
            html.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\"/>", x, x, height - AXIS))
                    .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%sx</text>%n", x, height - 3,
                            trim(tick)));
        }
        for (int i = 0; i < outcomes.size(); i++) {
            ModelOutcome outcome = outcomes.get(i);
            int y = i * row + 2;
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", 0, y + 12, escape(outcome.model().label())));
            if (outcome.summary().isEmpty()) {
                html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-style=\"italic\">left out</text>%n", LABEL + 4, y + 12));
                continue;
            }
            double ratio = outcome.summary().get().ratioTo(ideal);
            double width = Math.max(2, plot * Math.log(Math.max(1, ratio)) / Math.log(top));
            html.append(String.format(Locale.ROOT, "<rect class=\"ratio\" data-model=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                            + "<title>%s: %s the ideal</title></rect>", outcome.model().slug(), LABEL, y + 2, width, row - 6,
                    COLOURS.get(outcome.model()), escape(outcome.model().label()), Figures.ratio(ratio)))
                    .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", LABEL + width + 4, y + 12, Figures.ratio(ratio)));
        }
        html.append("</svg>\n");
    }

    private static List<Double> ticks(double top) {
        List<Double> ticks = new ArrayList<>();
        for (double decade = 1; decade <= top; decade *= 10) {
            for (double step : new double[]{1, 2, 5}) {
                if (decade * step <= top) {
                    ticks.add(decade * step);
                }
            }
        }
        return ticks;
    }

    private static void timeline(StringBuilder html, WorkloadResult result, ModelOutcome outcome, long axisNanos) {
        Model model = outcome.model();
        Optional<Summary> measured = outcome.summary();
        html.append("<div class=\"timeline\">\n<h3><b style=\"background:").append(COLOURS.get(model)).append("\"></b>")
                .append(escape(model.label()));
        if (measured.isEmpty()) {
            html.append("</h3>\n<div class=\"left-out\">left out: ").append(escape(outcome.note())).append("</div>\n");
            explain(html, result, "timeline", model, Explanations.timeline(result.name(), model));
            html.append("</div>\n");
            return;
        }
        Summary summary = measured.get();
        html.append(": ").append(Figures.duration(summary.wall())).append(" (median run), ").append(escape(whoseCode(outcome.source())))
                .append(": ").append(escape(outcome.note())).append("</h3>\n");
        List<Bar> bars = summary.bars();
        double rowHeight = Math.max(1, Math.min(8, (double) MAX_PLOT_HEIGHT / Math.max(1, bars.size())));
        int plotHeight = (int) Math.ceil(rowHeight * bars.size());
        int height = plotHeight + AXIS;
        double scale = (WIDTH - 1.0) / axisNanos;
        html.append("<svg class=\"timeline\" data-workload=\"").append(result.name()).append("\" data-model=\"").append(model.slug())
                .append("\" data-bars=\"").append(bars.size()).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(escape(model.label() + ": one bar per " + result.unit())).append("\">\n");
        html.append(String.format(Locale.ROOT, "<rect class=\"plot\" x=\"0\" y=\"0\" width=\"%d\" height=\"%d\"/>%n", WIDTH, plotHeight));
        for (long tick : timeTicks(axisNanos)) {
            double x = tick * scale;
            html.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\"/>", x, x, plotHeight))
                    .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n", x, height - 3,
                            tick == 0 ? "start" : x > WIDTH - 30 ? "end" : "middle", Figures.duration(Duration.ofNanos(tick))));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            html.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"><title>%s: %s to %s</title></rect>%n",
                    Math.max(0, bar.startNanos()) * scale, i * rowHeight, Math.max(1, (bar.endNanos() - bar.startNanos()) * scale),
                    Math.max(0.8, rowHeight - (rowHeight >= 3 ? 1 : 0)), COLOURS.get(model), escape(bar.label()),
                    Figures.duration(Duration.ofNanos(Math.max(0, bar.startNanos()))), Figures.duration(Duration.ofNanos(bar.endNanos()))));
        }
        html.append("</svg>\n");
        explain(html, result, "timeline", model, Explanations.timeline(result.name(), model));
        html.append("</div>\n");
    }

    /** Round steps (1, 2 or 5 times a power of ten) giving at most six ticks from 0. */
    private static List<Long> timeTicks(long axisNanos) {
        long step = 1_000_000;   // 1 ms
        for (int i = 0; axisNanos / step > 5; i++) {
            step = step / (i % 3 == 1 ? 2 : 1) * (i % 3 == 1 ? 5 : 2);   // 1, 2, 5, 10, 20, 50, ... ms
        }
        List<Long> ticks = new ArrayList<>();
        for (long tick = 0; tick <= axisNanos; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
