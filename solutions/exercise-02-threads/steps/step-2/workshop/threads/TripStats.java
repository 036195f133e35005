package workshop.threads;

import java.util.EnumMap;
import java.util.Map;
import workshop.trip.Backend;

/**
 * Counts the backend calls a dashboard service made, per backend.
 *
 * <p>It is correct as long as one thread at a time uses it. {@link DashboardBatch} records every
 * call it makes here, and once its calls run on many threads at once, counts go missing.
 * Step 4 (README): make it lose no count when many threads record at the same time, and keep the
 * invariant below.
 *
 * <p>Invariant: once every recording thread has been joined, {@code calls(b)} equals the number of
 * {@code record(b)} calls, and {@link #total()} their sum over all backends. While threads record,
 * {@link #total()} is the sum of the counts at some moment.
 */
public final class TripStats {

    private final Map<Backend, Integer> calls = new EnumMap<>(Backend.class);
    private int total;

    /** Counts one call to {@code backend}. */
    public void record(Backend backend) {
        // Step 4: read, add one, write back: two threads doing this at once can both write the same number.
        calls.merge(backend, 1, Integer::sum);
        total++;
    }

    /** The calls to {@code backend} counted so far. */
    public int calls(Backend backend) {
        return calls.getOrDefault(backend, 0);
    }

    /** The calls to all backends counted so far. */
    public int total() {
        return total;
    }

    @Override
    public String toString() {
        return "TripStats" + calls;
    }
}
