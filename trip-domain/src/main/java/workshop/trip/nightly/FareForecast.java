package workshop.trip.nightly;

import java.util.ArrayList;
import java.util.List;

/**
 * The nightly job's work: for every route, simulate a year of daily fares in many scenarios and
 * find the lowest fare any of them reaches. Pure arithmetic on {@code long}s: no I/O, no shared
 * state, no allocation, and the same answer on every machine, so a test can check any result by
 * computing it again.
 *
 * <p>Cost: {@code routes * scenarios * 365} steps of a few nanoseconds each (about 5 ns on the
 * 2-core machine the lesson's figures come from): 100 routes of 40 scenarios take about 7 ms,
 * 100 routes of 1,100 scenarios about 0.2 s.
 */
public final class FareForecast {

    /** Simulated days per scenario. */
    public static final int DAYS = 365;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long FLOOR_CENTS = 1_000;

    private FareForecast() {
    }

    /**
     * Splits {@code routes} routes into {@code chunks} chunks of (nearly) equal size, indexed from 0
     * in route order.
     */
    public static List<Chunk> plan(int routes, int chunks, int scenarios) {
        if (chunks < 1 || routes < chunks) {
            throw new IllegalArgumentException("cannot split " + routes + " routes into " + chunks + " chunks");
        }
        List<Chunk> plan = new ArrayList<>(chunks);
        int first = 0;
        for (int index = 0; index < chunks; index++) {
            int size = routes / chunks + (index < routes % chunks ? 1 : 0);
            plan.add(new Chunk(index, first, size, scenarios));
            first += size;
        }
        return List.copyOf(plan);
    }

    /** The sum, over the chunk's routes, of each route's lowest fare in cents. */
    public static long lowestFareTotal(Chunk chunk) {
        long total = 0;
        for (int route = chunk.firstRoute(); route < chunk.firstRoute() + chunk.routes(); route++) {
            total += lowestFare(route, chunk.scenarios());
        }
        return total;
    }

    /** The lowest fare, in cents, that {@code route} reaches in any of {@code scenarios} simulated years. */
    public static long lowestFare(int route, int scenarios) {
        long base = 5_000 + Math.floorMod(mix(route * GOLDEN + 1), 55_000L);
        long lowest = Long.MAX_VALUE;
        long state = mix(route + 0x5DEECE66DL);
        for (int scenario = 0; scenario < scenarios; scenario++) {
            long fare = base;
            for (int day = 0; day < DAYS; day++) {
                state += GOLDEN;
                long random = mix(state);
                long move = fare * ((random >>> 40) % 801 - 400) / 10_000;   // -4 % .. +4 % a day
                long pull = (base - fare) >> 5;                              // fares drift back towards the base
                fare = Math.max(FLOOR_CENTS, fare + move + pull);
                lowest = Math.min(lowest, fare);
            }
        }
        return lowest;
    }

    /** SplitMix64's finaliser: a cheap, well-mixed 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
