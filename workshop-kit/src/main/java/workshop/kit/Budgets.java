package workshop.kit;

import java.time.Duration;

/**
 * Every delay and every time budget of the workshop's tests, in one place.
 *
 * <p>All of them are multiplied by one factor, the system property {@code workshop.time.factor}
 * (default 1): on a slow or busy machine run {@code ./mvnw test -Dworkshop.time.factor=3} and
 * every delay and budget grows alike. Tests never write a duration of their own.
 *
 * <p>How tests use them: delays are minimums (a sleep of {@link #LATENCY} takes at least that
 * long, so a lower bound such as "the sum of the latencies" is tight); budgets are generous upper
 * bounds, written against the sequential sum where possible, plus {@link #SLACK}.
 */
public final class Budgets {

    /** The scale factor for every delay and budget, from {@code -Dworkshop.time.factor}. */
    public static final double FACTOR = factor();

    /** The latency of one typical backend call. */
    public static final Duration LATENCY = scaled(200);

    /** A short latency, for calls that should not dominate a test. */
    public static final Duration SHORT_LATENCY = scaled(50);

    /** The per-call timeout tests give a dashboard: well above {@link #LATENCY}, well below a hang. */
    public static final Duration CALL_TIMEOUT = scaled(1_000);

    /** What an upper bound allows on top of the work it measures: start-up, scheduling, GC. */
    public static final Duration SLACK = scaled(1_000);

    /** How long a rendezvous holds a request while waiting for the others to arrive. */
    public static final Duration RENDEZVOUS_WAIT = scaled(5_000);

    /** How long threads and processes started by a test get to end after it. */
    public static final Duration SETTLE = scaled(2_000);

    /** The budget of one guarded call into learner code when the test has no tighter one. */
    public static final Duration GUARD = scaled(20_000);

    private Budgets() {
    }

    /** A duration of {@code millis} milliseconds, scaled by {@link #FACTOR}. */
    public static Duration scaled(long millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000L * FACTOR));
    }

    /** {@code n} back-to-back copies of {@code each}: the sequential sum. */
    public static Duration times(int n, Duration each) {
        return each.multipliedBy(n);
    }

    /** A readable form for messages, such as {@code 1.2 s} or {@code 350 ms}. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1_000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static double factor() {
        String value = System.getProperty("workshop.time.factor", "1");
        try {
            double factor = Double.parseDouble(value.isBlank() ? "1" : value);
            if (factor >= 1) {
                return factor;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(
                "-Dworkshop.time.factor=" + value + " is not a number of at least 1; use for example 2 on a slow machine");
    }
}
