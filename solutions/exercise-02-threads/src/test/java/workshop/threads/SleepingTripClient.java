package workshop.threads;

import java.time.Duration;
import workshop.kit.TripData;
import workshop.trip.Backend;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.threads.TripClient;

/**
 * A {@link TripClient} whose calls block the calling thread for a latency, the way a real call
 * waits for its backend, and then answer what the backends would ({@link TripData}), without a
 * network or a database. A check that makes a thousand calls with it measures how the code under
 * test waits, not how fast this machine runs a thousand HTTP exchanges.
 *
 * <p>On interrupt: a sleeping call throws {@link InterruptedException} at once, like the real client.
 */
final class SleepingTripClient implements TripClient {

    private final Duration latency;

    SleepingTripClient(Duration latency) {
        this.latency = latency;
    }

    @Override
    public Profile profile(int userId) throws InterruptedException {
        Thread.sleep(latency);
        return TripData.profile(userId);
    }

    @Override
    public PartnerReply partner(Backend backend, int userId) throws InterruptedException {
        Thread.sleep(latency);
        return TripData.reply(backend, userId);
    }
}
