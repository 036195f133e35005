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
 * Builds one traveller's dashboard with one platform thread per backend call, so that the four
 * calls overlap and the dashboard takes about the slowest call instead of the sum of all four.
 *
 * <p>Use it to see what threads are made of: start, join, hand results and failures back, and
 * cancel by interrupting. For many dashboards at once, use {@link DashboardBatch} instead: it does
 * not start four platform threads per traveller.
 *
 * <pre>{@code
 * Dashboard dashboard = new ThreadedDashboard(client).load(7);
 * }</pre>
 *
 * <p>Memory effects: each call's result is written by its thread and read by the caller only after
 * {@link Thread#join()} returned, which makes the write visible (join happens-before the return).
 *
 * <p>Invariants: {@link #load} returns only when every thread it started has ended (no thread is
 * left behind, whatever happens); the first call to fail (in time) decides the outcome, and the
 * others are interrupted at once so that the caller does not wait for answers it will throw away.
 *
 * <p>On interrupt: if the caller is interrupted while it waits, the four calls are interrupted
 * too, {@link #load} waits for their threads to end and then throws {@link InterruptedException}.
 */
public final class ThreadedDashboard {

    private final TripClient client;

    public ThreadedDashboard(TripClient client) {
        this.client = client;
    }

    /**
     * Loads the dashboard of {@code userId}, the four calls on four threads at once.
     *
     * @throws BackendException     the first call that failed, naming its backend
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

    /** One platform thread per call; the first failure wins and interrupts the other threads. */
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
                    failed(failure);
                }
            }));
            return result;
        }

        /** Starts every thread, waits for all of them, and throws the first failure if there was one. */
        void startAndJoin() throws InterruptedException {
            threads.forEach(Thread::start);
            try {
                for (Thread thread : threads) {
                    thread.join();
                }
            } catch (InterruptedException callerInterrupted) {
                interruptAllBut(null);
                joinAllUninterruptibly();
                throw callerInterrupted;
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

        private void failed(Throwable failure) {
            // Only the first failure is kept: the interrupts it causes make the others fail too.
            if (firstFailure.compareAndSet(null, failure)) {
                interruptAllBut(Thread.currentThread());
            }
        }

        private void interruptAllBut(Thread self) {
            for (Thread thread : threads) {
                if (thread != self) {
                    thread.interrupt();
                }
            }
        }

        /** The caller is about to throw InterruptedException anyway: further interrupts change nothing. */
        private void joinAllUninterruptibly() {
            for (Thread thread : threads) {
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException again) {
                        // keep waiting: no thread may outlive load()
                    }
                }
            }
        }
    }
}
