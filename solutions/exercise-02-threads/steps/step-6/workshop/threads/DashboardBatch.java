package workshop.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.threads.TripClient;

/**
 * Builds the dashboards of many travellers at once: every backend call of every traveller is a
 * task, and an executor decides how many run at the same time.
 *
 * <p>Choose the executor by what the tasks do. These tasks block (they wait for the network and
 * the database), so {@link #loadOnVirtualThreads} is the usual choice: a virtual thread per call
 * costs almost nothing while it waits. {@link #loadOnPool} keeps to a fixed number of platform
 * threads, and so runs at most that many calls at once. {@link #loadWithPartnerLimit} keeps to a
 * limit the partner APIs set, however many calls are waiting.
 *
 * <pre>{@code
 * TripStats stats = new TripStats();
 * List<Dashboard> dashboards = new DashboardBatch(client, stats).loadOnVirtualThreads(List.of(1, 2, 3));
 * }</pre>
 *
 * <p>Memory effects: each call's result is read through its {@link Future#get()}, which makes
 * everything the task did visible to the caller. Every call made is recorded in the shared
 * {@link TripStats}, from many threads at once.
 *
 * <p>Invariants: each method returns the dashboards in the order of {@code users}; it returns (or
 * throws) only after the executor it created has been closed, so no thread outlives the call; at
 * most {@code threads} calls run at once on a pool, and at most {@code maxPartnerCalls} partner
 * calls under a limit.
 *
 * <p>On failure: the first failed call in the order of {@code users} is thrown as its
 * {@link BackendException}; the calls still running are interrupted, as they are when the
 * caller is interrupted while it waits ({@link InterruptedException} then).
 */
public final class DashboardBatch {

    private final TripClient client;
    private final TripStats stats;

    public DashboardBatch(TripClient client, TripStats stats) {
        this.client = client;
        this.stats = stats;
    }

    /** Loads every dashboard with at most {@code threads} calls at once, on a fixed pool of platform threads. */
    public List<Dashboard> loadOnPool(List<Integer> users, int threads) throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            return loadAll(users, pool, client);
        }
    }

    /** Loads every dashboard with all calls at once, one virtual thread per call. */
    public List<Dashboard> loadOnVirtualThreads(List<Integer> users) throws InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return loadAll(users, executor, client);
        }
    }

    /**
     * Loads every dashboard on virtual threads, with never more than {@code maxPartnerCalls} partner
     * API calls in flight at once (profile queries are not limited).
     */
    public List<Dashboard> loadWithPartnerLimit(List<Integer> users, int maxPartnerCalls) throws InterruptedException {
        TripClient limited = new PartnerLimit(client, new Semaphore(maxPartnerCalls));
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return loadAll(users, executor, limited);
        }
    }

    private List<Dashboard> loadAll(List<Integer> users, ExecutorService executor, TripClient via)
            throws InterruptedException {
        List<Pending> pending = new ArrayList<>(users.size());
        for (int user : users) {
            pending.add(new Pending(
                    submit(executor, Backend.PROFILE, () -> via.profile(user)),
                    submit(executor, Backend.FLIGHTS, () -> via.partner(Backend.FLIGHTS, user)),
                    submit(executor, Backend.HOTELS, () -> via.partner(Backend.HOTELS, user)),
                    submit(executor, Backend.WEATHER, () -> via.partner(Backend.WEATHER, user))));
        }
        List<Dashboard> dashboards = new ArrayList<>(users.size());
        try {
            for (Pending dashboard : pending) {
                dashboards.add(dashboard.get());
            }
        } catch (InterruptedException | RuntimeException | Error failure) {
            executor.shutdownNow();
            throw failure;
        }
        return dashboards;
    }

    private <T> Future<T> submit(ExecutorService executor, Backend backend, Callable<T> call) {
        return executor.submit(() -> {
            stats.record(backend);
            return call.call();
        });
    }

    /** The four calls of one traveller, submitted and not yet collected. */
    private record Pending(Future<Profile> profile, Future<PartnerReply> flights, Future<PartnerReply> hotels,
                           Future<PartnerReply> weather) {

        Dashboard get() throws InterruptedException {
            return new Dashboard(result(profile), result(flights).items(), result(hotels).items(),
                    result(weather).items().getFirst());
        }

        private static <T> T result(Future<T> call) throws InterruptedException {
            try {
                return call.get();
            } catch (ExecutionException e) {
                Throwable failure = e.getCause();
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("a dashboard call failed", failure);
            }
        }
    }

    /** A client that holds a permit for every partner call: never more than the permits in flight. */
    private record PartnerLimit(TripClient client, Semaphore permits) implements TripClient {

        @Override
        public Profile profile(int userId) throws InterruptedException {
            return client.profile(userId);
        }

        @Override
        public PartnerReply partner(Backend backend, int userId) throws InterruptedException {
            permits.acquire();
            try {
                return client.partner(backend, userId);
            } finally {
                permits.release();
            }
        }
    }
}
