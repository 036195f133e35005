package workshop.threads;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import workshop.kit.Budgets;
import workshop.trip.Backend;

/**
 * A race on one {@link TripStats}: {@code threads} platform threads wait at a barrier, then all
 * record calls, spread over the four backends, until the same moment, each counting on its own how
 * many it recorded. Racing for a stretch of time rather than for a number of calls keeps the
 * threads recording side by side however fast the machine (or the code) is.
 */
final class StatsRace {

    /** How long the threads of one round record side by side. */
    static final Duration ROUND = Budgets.SHORT_LATENCY;

    private static final Backend[] BACKENDS = Backend.values();

    private final int threads;

    StatsRace(int threads) {
        this.threads = threads;
    }

    /**
     * Runs {@code rounds} races, each on a fresh {@link TripStats}, and fails at the first round in
     * which the counts differ from what the threads recorded.
     */
    void assertNoCountIsLost(int rounds) throws Exception {
        try (ExecutorService racers = Executors.newFixedThreadPool(threads)) {
            for (int round = 1; round <= rounds; round++) {
                TripStats stats = new TripStats();
                long[] recorded = race(racers, stats);
                assertNothingLost(stats, recorded, round);
            }
        }
    }

    /** One round; returns how many calls the threads recorded per backend. */
    private long[] race(ExecutorService racers, TripStats stats) throws Exception {
        AtomicLong deadline = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads, () -> deadline.set(System.nanoTime() + ROUND.toNanos()));
        List<Future<long[]>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            running.add(racers.submit(() -> {
                long[] mine = new long[BACKENDS.length];
                start.await(Budgets.GUARD.toNanos(), TimeUnit.NANOSECONDS);
                long end = deadline.get();
                int next = offset;
                do {
                    for (int i = 0; i < 64; i++, next++) {
                        int backend = next % BACKENDS.length;
                        stats.record(BACKENDS[backend]);
                        mine[backend]++;
                    }
                } while (System.nanoTime() < end);
                return mine;
            }));
        }
        long[] recorded = new long[BACKENDS.length];
        for (Future<long[]> racer : running) {
            long[] mine = racer.get(Budgets.GUARD.toNanos(), TimeUnit.NANOSECONDS);
            for (int b = 0; b < recorded.length; b++) {
                recorded[b] += mine[b];
            }
        }
        return recorded;
    }

    private void assertNothingLost(TripStats stats, long[] recorded, int round) {
        String fix = " Counts recorded at the same moment by several threads were lost: make each update of a count"
                + " one indivisible step that no other thread can interleave with, and every read see the latest"
                + " value (lesson, step 4).";
        long all = 0;
        for (Backend backend : BACKENDS) {
            long expected = recorded[backend.ordinal()];
            long counted = stats.calls(backend);
            all += expected;
            assertThat(counted)
                    .withFailMessage(() -> "round " + round + ": " + threads + " threads recorded " + expected
                            + " calls to the " + backend + " at the same time, but calls(" + backend.name() + ") counted "
                            + counted + " (" + (expected - counted) + " lost)." + fix)
                    .isEqualTo(expected);
        }
        long total = all;
        long counted = stats.total();
        assertThat(counted)
                .withFailMessage(() -> "round " + round + ": " + threads + " threads recorded " + total
                        + " calls in all, but total() counted " + counted + " (" + (total - counted) + " lost)." + fix)
                .isEqualTo(total);
    }
}
