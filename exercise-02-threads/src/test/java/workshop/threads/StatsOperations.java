package workshop.threads;

import java.util.StringJoiner;
import workshop.trip.Backend;

/**
 * The operations of a {@link TripStats} that the model checks run from several threads, on one
 * fresh instance per interleaving (see {@code workshop.kit.ModelCheck}). Each returns what its
 * caller would see, as text.
 */
public final class StatsOperations {

    private final TripStats stats = new TripStats();

    public void recordFlights() {
        stats.record(Backend.FLIGHTS);
    }

    public void recordHotels() {
        stats.record(Backend.HOTELS);
    }

    /** Every count that is not zero, and the total. */
    public String counts() {
        StringJoiner counts = new StringJoiner(", ");
        for (Backend backend : Backend.values()) {
            int calls = stats.calls(backend);
            if (calls != 0) {
                counts.add("calls(" + backend.name() + ") = " + calls);
            }
        }
        return counts.add("total() = " + stats.total()).toString();
    }

    /**
     * Reads the counts, then the total, then the counts again. Counts only grow, so a total that is
     * the sum of the counts lies between the two sums, whatever the recording threads do meanwhile.
     */
    public String countsAroundTotal() {
        int before = sumOfCounts();
        int total = stats.total();
        int afterwards = sumOfCounts();
        return before <= total && total <= afterwards
                ? "a total between the counts read before and after it"
                : "counts summing to " + before + ", then total() = " + total + ", then counts summing to " + afterwards;
    }

    private int sumOfCounts() {
        int sum = 0;
        for (Backend backend : Backend.values()) {
            sum += stats.calls(backend);
        }
        return sum;
    }
}
