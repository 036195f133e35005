package workshop.cli.compare;

import java.util.Objects;

/**
 * One call, chunk or request on a run's timeline, in nanoseconds from the run's start.
 *
 * @param label      what ran, for example {@code flights?user=7}, {@code chunk 3} or {@code user 7: 200}
 * @param startNanos when it started, relative to the run's start
 * @param endNanos   when it ended, relative to the run's start
 * @param outcome    for a request sent to a server, how it ended: its status ({@code 200}, {@code 503}) or
 *                   why it got none ({@code timed out}); empty for calls and chunks
 */
record Bar(String label, long startNanos, long endNanos, String outcome) {

    Bar {
        Objects.requireNonNull(outcome, "outcome");
        if (endNanos < startNanos) {
            throw new IllegalArgumentException(label + ": a bar cannot end before it starts");
        }
    }

    /** A call or a chunk: a bar without an outcome. */
    Bar(String label, long startNanos, long endNanos) {
        this(label, startNanos, endNanos, "");
    }
}
