package workshop.kit.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a {@link LoadGenerator} run saw: every request, answered or not.
 *
 * @param requests     requests sent
 * @param byStatus     answers, by HTTP status
 * @param unanswered   requests without an answer, by reason ("timed out", "connection refused", ...)
 * @param latencies    the answered requests' latencies, shortest first
 * @param wall         from the first request to the last answer
 * @param peakInFlight the most requests waiting for their answers at once
 * @param unpaced      answers {@value #SHED} without a {@code Retry-After} header: refusals that do
 *                     not tell the client when to come back
 */
public record LoadReport(int requests, SortedMap<Integer, Integer> byStatus, SortedMap<String, Integer> unanswered,
                         List<Duration> latencies, Duration wall, int peakInFlight, int unpaced) {

    /** The status of a refusal: the server is overloaded or shutting down, and says when to try again. */
    public static final int SHED = 503;

    public LoadReport {
        byStatus = Collections.unmodifiableSortedMap(new TreeMap<>(byStatus));
        unanswered = Collections.unmodifiableSortedMap(new TreeMap<>(unanswered));
        latencies = latencies.stream().sorted().toList();
    }

    /** Requests answered with {@code status}. */
    public int answered(int status) {
        return byStatus.getOrDefault(status, 0);
    }

    /** Requests answered, whatever the status. */
    public int answered() {
        return byStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Requests without an answer, whatever the reason. */
    public int unansweredCount() {
        return unanswered.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Answers per second, over the whole run. */
    public double throughput() {
        return wall.isZero() ? 0 : answered() / (wall.toNanos() / 1e9);
    }

    /**
     * The latency that {@code percent} % of the answered requests did not exceed (nearest rank: p50 is
     * the median, p99 the latency only one answer in a hundred exceeded); zero when nothing was answered.
     */
    public Duration percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is above 0 and at most 100, got " + percent);
        }
        if (latencies.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100 * latencies.size());
        return latencies.get(Math.max(1, rank) - 1);
    }

    /**
     * One line for a message: "1,000 requests: 990 answered (200: 990), 10 unanswered (timed out: 10);
     * 812 answers/s, p50 210 ms, p99 480 ms; at most 1,000 in flight".
     */
    public String summary() {
        String answers = answered() + " answered" + (byStatus.isEmpty() ? "" : " (" + counts(byStatus) + ")")
                + (unpaced == 0 ? "" : ", " + unpaced + " of them " + SHED + " without Retry-After");
        String missing = unansweredCount() == 0 ? "none unanswered" : unansweredCount() + " unanswered (" + counts(unanswered) + ")";
        return String.format(Locale.ROOT, "%,d requests: %s, %s; %,.0f answers/s, p50 %s, p99 %s; at most %,d in flight",
                requests, answers, missing, throughput(), millis(percentile(50)), millis(percentile(99)), peakInFlight);
    }

    private static String counts(Map<?, Integer> counts) {
        return counts.entrySet().stream().map(entry -> entry.getKey() + ": " + String.format(Locale.ROOT, "%,d", entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /** Collects a run's answers from many clients at once. */
    static final class Builder {
        private final int requests;
        private final SortedMap<Integer, Integer> byStatus = new TreeMap<>();
        private final SortedMap<String, Integer> unanswered = new TreeMap<>();
        private final List<Duration> latencies = new ArrayList<>();
        private int peakInFlight;
        private int unpaced;

        Builder(int requests) {
            this.requests = requests;
        }

        synchronized void inFlight(int now) {
            peakInFlight = Math.max(peakInFlight, now);
        }

        synchronized void answered(int status, boolean retryAfter, Duration latency) {
            byStatus.merge(status, 1, Integer::sum);
            latencies.add(latency);
            if (status == SHED && !retryAfter) {
                unpaced++;
            }
        }

        synchronized void unanswered(String reason) {
            unanswered.merge(reason, 1, Integer::sum);
        }

        synchronized LoadReport build(Duration wall) {
            return new LoadReport(requests, byStatus, unanswered, latencies, wall, peakInFlight, unpaced);
        }
    }
}
