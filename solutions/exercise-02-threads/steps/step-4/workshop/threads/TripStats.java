package workshop.threads;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import workshop.trip.Backend;

/**
 * Counts the backend calls a dashboard service made, per backend, while many threads make them.
 *
 * <p>Share one instance between all your threads. It keeps one atomic counter per backend, so
 * recording never blocks and never loses a count. If you need several numbers to change together
 * (a count and a sum of durations, say), guard them with one lock instead: two atomics updated one
 * after the other can be seen half-updated.
 *
 * <pre>{@code
 * TripStats stats = new TripStats();
 * stats.record(Backend.FLIGHTS);          // from any thread
 * int flights = stats.calls(Backend.FLIGHTS);
 * }</pre>
 *
 * <p>Invariant: no update is lost. Once every thread that called {@link #record} has been joined
 * (or its future got), {@code calls(b)} equals the number of {@code record(b)} calls, and
 * {@link #total()} their sum over all backends. While recording goes on, a reader sees a count
 * that was true at some moment, and a total that was the sum of the counts at some moment.
 *
 * <p>Memory effects: a {@code record} happens-before every read that sees its count.
 */
public final class TripStats {

    private final AtomicIntegerArray calls = new AtomicIntegerArray(Backend.values().length);

    /** Counts one call to {@code backend}. */
    public void record(Backend backend) {
        calls.incrementAndGet(backend.ordinal());
    }

    /** The calls to {@code backend} counted so far. */
    public int calls(Backend backend) {
        return calls.get(backend.ordinal());
    }

    /** The calls to all backends counted so far. */
    public int total() {
        return Arrays.stream(Backend.values()).mapToInt(this::calls).sum();
    }

    @Override
    public String toString() {
        return "TripStats" + calls;
    }
}
