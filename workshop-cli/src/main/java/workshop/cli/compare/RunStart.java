package workshop.cli.compare;

import java.time.Duration;
import java.time.Instant;

/**
 * When one measured run started, on both clocks: {@link System#nanoTime()} for spans recorded in
 * this JVM, the wall clock for spans recorded in worker processes.
 */
record RunStart(long nanoTime, Instant wallClock) {

    static RunStart now() {
        return new RunStart(System.nanoTime(), Instant.now());
    }

    /** A bar for a span recorded on this JVM's {@code System.nanoTime()} clock. */
    Bar bar(String label, long startNanoTime, long endNanoTime) {
        return new Bar(label, startNanoTime - nanoTime, endNanoTime - nanoTime);
    }

    /** A request's bar, on this JVM's {@code System.nanoTime()} clock, with how it ended. */
    Bar request(String label, long sentNanoTime, long endNanoTime, String outcome) {
        return new Bar(label, sentNanoTime - nanoTime, endNanoTime - nanoTime, outcome);
    }

    /** A bar for a span recorded on the wall clock (by another process). */
    Bar bar(String label, Instant started, Instant finished) {
        return new Bar(label, Duration.between(wallClock, started).toNanos(), Duration.between(wallClock, finished).toNanos());
    }
}
