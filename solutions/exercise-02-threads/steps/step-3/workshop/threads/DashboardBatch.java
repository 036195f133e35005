package workshop.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.threads.TripClient;

/**
 * The dashboards of many travellers, as it stands after step 3 of the lesson (a state on the way
 * from the stub to the reference, for the instructor's walk through the steps).
 *
 * <p>Every method returns the dashboards in the order of {@code users}, and throws the
 * {@link BackendException} of a call that failed.
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
            return loadAll(users, pool);
        }
    }

    /** Loads every dashboard with all calls at once, one virtual thread per call. */
    public List<Dashboard> loadOnVirtualThreads(List<Integer> users) throws InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return loadAll(users, executor);
        }
    }

    /**
     * Loads every dashboard with many calls at once, but never more than {@code maxPartnerCalls} partner
     * API calls in flight at once (profile queries are not limited).
     */
    public List<Dashboard> loadWithPartnerLimit(List<Integer> users, int maxPartnerCalls) throws InterruptedException {
        // Step 5: many calls at once, but a partner call must first get one of maxPartnerCalls permits.
        return loadOneAfterAnother(users);
    }

    private List<Dashboard> loadAll(List<Integer> users, ExecutorService executor) throws InterruptedException {
        List<Pending> pending = new ArrayList<>(users.size());
        for (int user : users) {
            pending.add(new Pending(
                    submit(executor, Backend.PROFILE, () -> client.profile(user)),
                    submit(executor, Backend.FLIGHTS, () -> client.partner(Backend.FLIGHTS, user)),
                    submit(executor, Backend.HOTELS, () -> client.partner(Backend.HOTELS, user)),
                    submit(executor, Backend.WEATHER, () -> client.partner(Backend.WEATHER, user))));
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

    private List<Dashboard> loadOneAfterAnother(List<Integer> users) throws InterruptedException {
        List<Dashboard> dashboards = new ArrayList<>(users.size());
        for (int user : users) {
            stats.record(Backend.PROFILE);
            Profile profile = client.profile(user);
            PartnerReply flights = partner(Backend.FLIGHTS, user);
            PartnerReply hotels = partner(Backend.HOTELS, user);
            PartnerReply weather = partner(Backend.WEATHER, user);
            dashboards.add(new Dashboard(profile, flights.items(), hotels.items(), weather.items().getFirst()));
        }
        return dashboards;
    }

    private PartnerReply partner(Backend backend, int user) throws InterruptedException {
        stats.record(backend);
        return client.partner(backend, user);
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
}
