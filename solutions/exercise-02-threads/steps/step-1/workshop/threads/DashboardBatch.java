package workshop.threads;

import java.util.ArrayList;
import java.util.List;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.threads.TripClient;

/**
 * Builds the dashboards of many travellers, recording every backend call it makes in a shared
 * {@link TripStats}.
 *
 * <p>It is correct, and it is slow: all three methods make every call of every traveller one
 * after another on the caller's thread. Your job:
 * <ul>
 *   <li>Step 2 (README): {@link #loadOnPool} runs the calls on a fixed pool of {@code threads}
 *       platform threads, closed before it returns.</li>
 *   <li>Step 3: {@link #loadOnVirtualThreads} runs every call on a virtual thread of its own.</li>
 *   <li>Step 4: once calls run on many threads, make {@link TripStats} lose no count.</li>
 *   <li>Step 5: {@link #loadWithPartnerLimit} runs many calls at once, but never more than
 *       {@code maxPartnerCalls} partner API calls.</li>
 * </ul>
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
        // Step 2: submit each call to Executors.newFixedThreadPool(threads), in a try-with-resources block.
        return loadOneAfterAnother(users);
    }

    /** Loads every dashboard with all calls at once, one virtual thread per call. */
    public List<Dashboard> loadOnVirtualThreads(List<Integer> users) throws InterruptedException {
        // Step 3: the same, on Executors.newVirtualThreadPerTaskExecutor().
        return loadOneAfterAnother(users);
    }

    /**
     * Loads every dashboard on virtual threads, with never more than {@code maxPartnerCalls} partner
     * API calls in flight at once (profile queries are not limited).
     */
    public List<Dashboard> loadWithPartnerLimit(List<Integer> users, int maxPartnerCalls) throws InterruptedException {
        // Step 5: many calls at once, but a partner call must first get one of maxPartnerCalls permits.
        return loadOneAfterAnother(users);
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
}
