package workshop.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.threads.TripClient;

/**
 * The trip client the tests give your code. It makes the real calls, and watches from your side of
 * each call what your code does with them: how many calls are in flight at once, on which thread
 * each one runs, and how each one ends (answered, failed, interrupted).
 *
 * <p>It can also make calls meet: after {@link #meetingOf(int) meetingOf(k)}, no call goes out
 * before {@code k} calls are waiting together. Code that makes its calls one after another never
 * gets there, and code that overlaps them gets there however slow the machine is. A call that
 * waits longer than {@link Budgets#RENDEZVOUS_WAIT} gives up with a {@link BackendException}.
 */
final class ObservedClient implements TripClient, AutoCloseable {

    /**
     * One call as your code made it.
     *
     * @param backend the backend called
     * @param user    the user id
     * @param thread  the thread that made it ({@code Thread.toString()})
     * @param virtual whether that thread was a virtual thread
     * @param outcome {@code answered}, {@code interrupted}, or {@code failed: ...}
     */
    record Call(Backend backend, int user, String thread, boolean virtual, String outcome) {
    }

    private final TripClient real;
    private final CallProbe probe = new CallProbe();
    private final CallProbe partnerProbe = new CallProbe();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private volatile Meeting meeting;

    ObservedClient(TripClient real) {
        this.real = real;
    }

    /** From now on, no call goes out before {@code parties} calls wait together (see the class comment). */
    ObservedClient meetingOf(int parties) {
        meeting = new Meeting(parties);
        return this;
    }

    /** The most calls that waited together at the meeting (0 without a meeting). */
    int mostTogether() {
        Meeting current = meeting;
        return current == null ? 0 : current.mostTogether();
    }

    /** Counts of the calls as your code made them: calls(), inFlight(), maxInFlight(). */
    CallProbe probe() {
        return probe;
    }

    /**
     * Counts of the partner API calls alone, as your code made them. A limit on partner calls is judged
     * here rather than at the server: the server counts a call until it has closed the exchange, which
     * may be after your code has its answer and has let the next call go.
     */
    CallProbe partnerProbe() {
        return partnerProbe;
    }

    /** Every call that ended, in the order they ended. */
    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    @Override
    public Profile profile(int userId) throws InterruptedException {
        return observe(Backend.PROFILE, userId, () -> real.profile(userId));
    }

    @Override
    public PartnerReply partner(Backend backend, int userId) throws InterruptedException {
        return observe(backend, userId, () -> real.partner(backend, userId));
    }

    /** Releases every call still waiting at the meeting: the test is over. */
    @Override
    public void close() {
        Meeting current = meeting;
        if (current != null) {
            current.close();
        }
    }

    private interface Blocking<T> {
        T call() throws InterruptedException;
    }

    private <T> T observe(Backend backend, int user, Blocking<T> call) throws InterruptedException {
        Thread thread = Thread.currentThread();
        CallProbe.Call inFlight = probe.begin(backend.id() + "?user=" + user);
        CallProbe.Call partnerInFlight = backend == Backend.PROFILE ? null : partnerProbe.begin(backend.id() + "?user=" + user);
        String outcome = "answered";
        try {
            Meeting current = meeting;
            if (current != null) {
                current.arrive(backend);
            }
            return call.call();
        } catch (InterruptedException e) {
            outcome = "interrupted";
            throw e;
        } catch (RuntimeException | Error e) {
            outcome = "failed: " + e;
            throw e;
        } finally {
            inFlight.end(outcome);
            if (partnerInFlight != null) {
                partnerInFlight.end(outcome);
            }
            calls.add(new Call(backend, user, thread.toString(), thread.isVirtual(), outcome));
        }
    }

    /** A meeting point for calls; once open it stays open. */
    private static final class Meeting {
        private final int parties;
        private final Duration wait = Budgets.RENDEZVOUS_WAIT;
        private int waiting;
        private int mostTogether;
        private boolean open;
        private boolean closed;

        Meeting(int parties) {
            this.parties = parties;
        }

        synchronized int mostTogether() {
            return mostTogether;
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        synchronized void arrive(Backend backend) throws InterruptedException {
            waiting++;
            mostTogether = Math.max(mostTogether, waiting);
            if (waiting >= parties) {
                open = true;
                notifyAll();
            }
            long deadline = System.nanoTime() + wait.toNanos();
            try {
                while (!open && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } finally {
                if (!open) {
                    waiting--;
                }
            }
            if (!open) {
                throw new BackendException(backend, closed
                        ? "the test ended while this call waited for " + parties + " calls in flight together"
                        : "gave up after " + Budgets.describe(wait) + " waiting for " + parties
                          + " calls in flight together; at most " + mostTogether + " were");
            }
        }
    }
}
