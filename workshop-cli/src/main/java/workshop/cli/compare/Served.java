package workshop.cli.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import workshop.kit.load.LoadReport;

/**
 * What a server did for its clients, read from a run's request bars (or the medians of several
 * runs): answers per second, the latency half of the answers and 99 in 100 did not exceed, and
 * every request's outcome counted.
 *
 * @param requests  requests sent
 * @param outcomes  requests by outcome: status ({@code 200}, {@code 503}) or why there was no answer
 * @param perSecond answers per second, from the first request sent to the last answer
 * @param p50       the median latency of the answered requests
 * @param p99       the latency only one answer in a hundred exceeded
 */
record Served(int requests, SortedMap<String, Integer> outcomes, double perSecond, Duration p50, Duration p99) {

    Served {
        outcomes = Collections.unmodifiableSortedMap(new TreeMap<>(outcomes));
    }

    /** The figures of one run, when its bars are requests (each has an outcome); empty otherwise. */
    static Optional<Served> of(List<Bar> bars) {
        if (bars.isEmpty() || bars.stream().anyMatch(bar -> bar.outcome().isEmpty())) {
            return Optional.empty();
        }
        SortedMap<Integer, Integer> byStatus = new TreeMap<>();
        SortedMap<String, Integer> unanswered = new TreeMap<>();
        List<Duration> latencies = new ArrayList<>();
        for (Bar bar : bars) {
            if (bar.outcome().matches("\\d{3}\\b.*")) {
                byStatus.merge(Integer.parseInt(bar.outcome().substring(0, 3)), 1, Integer::sum);
                latencies.add(Duration.ofNanos(bar.endNanos() - bar.startNanos()));
            } else {
                unanswered.merge(bar.outcome(), 1, Integer::sum);
            }
        }
        long first = bars.stream().mapToLong(Bar::startNanos).min().orElseThrow();
        long last = bars.stream().mapToLong(Bar::endNanos).max().orElseThrow();
        // The kit's report of a load test: the percentiles and the rate as the exercise's checks compute them.
        LoadReport report = new LoadReport(bars.size(), byStatus, unanswered, latencies, Duration.ofNanos(last - first), 0, 0);
        SortedMap<String, Integer> outcomes = bars.stream()
                .collect(Collectors.groupingBy(Bar::outcome, TreeMap::new, Collectors.summingInt(bar -> 1)));
        return Optional.of(new Served(bars.size(), outcomes, report.throughput(), report.percentile(50), report.percentile(99)));
    }

    /** Medians of several runs' rates and latencies (the lower middle one of an even count); every run's outcomes added up. */
    static Served median(List<Served> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run to take the median of");
        }
        SortedMap<String, Integer> outcomes = new TreeMap<>();
        runs.forEach(run -> run.outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Integer::sum)));
        return new Served(runs.stream().mapToInt(Served::requests).sum(), outcomes,
                middle(runs, Served::perSecond, Comparator.naturalOrder()),
                middle(runs, Served::p50, Comparator.naturalOrder()),
                middle(runs, Served::p99, Comparator.naturalOrder()));
    }

    private static <T> T middle(List<Served> runs, Function<Served, T> value, Comparator<T> order) {
        List<T> sorted = runs.stream().map(value).sorted(order).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The outcomes as one short text: {@code 200: 600} or {@code 200: 590, 503: 10}. */
    String outcomesText() {
        return outcomes.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining(", "));
    }
}
