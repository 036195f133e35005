package workshop.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.threads.TripClient;

/**
 * One traveller's dashboard, as it stands after step 5 of the lesson (a state on the way from
 * the stub to the reference, for the instructor's walk through the steps).
 */
public final class ThreadedDashboard {

    private final TripClient client;

    public ThreadedDashboard(TripClient client) {
        this.client = client;
    }

    /**
     * Loads the dashboard of {@code userId}, the four calls on four threads at once.
     *
     * @throws BackendException     the call that failed, naming its backend
     * @throws InterruptedException when the caller was interrupted while waiting
     */
    public Dashboard load(int userId) throws InterruptedException {
        FanOut fanOut = new FanOut("dashboard-" + userId);
        Result<Profile> profile = fanOut.fork(Backend.PROFILE, () -> client.profile(userId));
        Result<PartnerReply> flights = fanOut.fork(Backend.FLIGHTS, () -> client.partner(Backend.FLIGHTS, userId));
        Result<PartnerReply> hotels = fanOut.fork(Backend.HOTELS, () -> client.partner(Backend.HOTELS, userId));
        Result<PartnerReply> weather = fanOut.fork(Backend.WEATHER, () -> client.partner(Backend.WEATHER, userId));
        fanOut.startAndJoin();
        return new Dashboard(profile.value, flights.value.items(), hotels.value.items(),
                weather.value.items().getFirst());
    }

    /** Where one thread leaves its call's value; read only after that thread was joined. */
    private static final class Result<T> {
        private T value;
    }

    /** One platform thread per call; the first failure is kept and thrown once all have been joined. */
    private static final class FanOut {
        private final String name;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

        FanOut(String name) {
            this.name = name;
        }

        <T> Result<T> fork(Backend backend, Callable<T> call) {
            Result<T> result = new Result<>();
            threads.add(Thread.ofPlatform().name(name + "-" + backend.id()).unstarted(() -> {
                try {
                    result.value = call.call();
                } catch (Throwable failure) {
                    firstFailure.compareAndSet(null, failure);
                }
            }));
            return result;
        }

        /** Starts every thread, waits for all of them, and throws the first failure if there was one. */
        void startAndJoin() throws InterruptedException {
            // Step 6: a failed call leaves the others running, and an interrupted caller leaves all four behind.
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            Throwable failure = firstFailure.get();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException("a dashboard call failed", failure);
            }
        }
    }
}
