package workshop.threads;

import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.threads.TripClient;

/**
 * Builds one traveller's trip dashboard from four backend calls: the profile database and the
 * flights, hotels and weather APIs.
 *
 * <p>It is correct, and it is slow: the caller's thread makes the four calls one after another,
 * so the dashboard takes the sum of the four latencies. Your job:
 * <ul>
 *   <li>Step 1 (README): run each call on a {@link Thread} of its own, wait for all four with
 *       {@code join()}, and make a failure in any of them reach the caller.</li>
 *   <li>Step 6: when one call fails, interrupt the others at once instead of waiting for them.</li>
 * </ul>
 */
public final class ThreadedDashboard {

    private final TripClient client;

    public ThreadedDashboard(TripClient client) {
        this.client = client;
    }

    /**
     * Loads the dashboard of {@code userId}.
     *
     * @throws BackendException     the call that failed, naming its backend
     * @throws InterruptedException when the caller was interrupted while waiting
     */
    public Dashboard load(int userId) throws InterruptedException {
        // Step 1: each call waits for the one before it. Start one thread per call, then join them all.
        Profile profile = client.profile(userId);
        PartnerReply flights = client.partner(Backend.FLIGHTS, userId);
        PartnerReply hotels = client.partner(Backend.HOTELS, userId);
        PartnerReply weather = client.partner(Backend.WEATHER, userId);
        return new Dashboard(profile, flights.items(), hotels.items(), weather.items().getFirst());
    }
}
