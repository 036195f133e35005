package workshop.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import workshop.kit.Budgets;
import workshop.kit.CallCountError;
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
 * waits longer than {@link Budgets#RENDEZVOUS_WAIT} gives up with a {@link CallCountError}: the
 * test's verdict, never a {@link BackendException}, as no backend failed.
 *
 * <p>While {@link #calledFrom} runs code that must overlap its calls, a call made on that very
 * thread with no other call in flight fails at once with a {@link CallCountError} naming the
 * thread: nothing else can run while the caller's own thread waits for that call.
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
    private volatile Overlap overlap;
    private volatile Thread callerThread;
    private volatile CallCountError verdict;

    ObservedClient(TripClient real) {
        this.real = real;
    }

    /** From now on, no call goes out before {@code parties} calls wait together (see the class comment). */
    ObservedClient meetingOf(int parties) {
        meeting = new Meeting(parties);
        return this;
    }

    /**
     * What code that must overlap its calls is about to do, for the message of a call made on the
     * caller's thread.
     *
     * @param parties how many calls must be in flight at once
     * @param what    what the test runs, for example {@code "the four calls of one dashboard"}
     * @param method  the method the test calls, for example {@code "load()"}
     * @param idea    what the lesson asks, ending with its step: {@code "start ... (lesson, step 1)"}
     */
    record Overlap(int parties, String what, String method, String idea) {
    }

    /**
     * Runs {@code action} on this thread, which is then the caller's thread: a call made on it with
     * no other call in flight fails at once (see the class comment).
     */
    <T> T calledFrom(Overlap expected, Callable<T> action) throws Exception {
        overlap = expected;
        callerThread = Thread.currentThread();
        try {
            return action.call();
        } finally {
            callerThread = null;
        }
    }

    /**
     * The verdict this client gave instead of making a call on the caller's thread, if it gave one: the
     * test's, not a backend's.
     */
    Optional<CallCountError> verdict() {
        return Optional.ofNullable(verdict);
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

    private CallCountError verdict(CallCountError given) {
        synchronized (this) {
            if (verdict == null) {
                verdict = given;
            }
        }
        return given;
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
            if (thread == callerThread && probe.inFlight() <= 1) {
                Overlap expected = overlap;
                throw verdict(new CallCountError("the " + backend.label() + " call ran on the thread that called "
                        + expected.method() + " (" + thread + "), with no other call in flight: while that thread waits"
                        + " for the call, it can start nothing else. Expected " + expected.parties() + " calls in flight at once for "
                        + expected.what() + ": " + expected.idea()));
            }
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
                throw new CallCountError(closed
                        ? "the test ended while the " + backend.label() + " call waited for " + parties + " calls in flight together"
                        : "expected " + parties + " calls in flight at once, but at most " + mostTogether + " were within "
                          + Budgets.describe(wait) + " (the " + backend.label() + " call gave up waiting for the others)");
            }
        }
    }
}
