package workshop.kit.partner;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import workshop.kit.Budgets;

/**
 * A meeting point for requests: none is answered until {@code parties} of them are waiting at
 * the same moment. Code that makes its calls one after another can never pass it, and a correct
 * concurrent client passes it however slow the machine is.
 *
 * <p>One rendezvous may be shared by several endpoints (for example the three partner APIs of one
 * dashboard). Once open it stays open. A request that waits longer than the rendezvous' wait
 * ({@link Budgets#RENDEZVOUS_WAIT} unless given) gives up, leaves, and is answered with status 503
 * and a body that says how many were there together at most.
 *
 * <p>Waiting uses a {@link ReentrantLock}, not a monitor, so that a thousand waiting requests on
 * virtual threads never pin their carrier threads.
 */
public final class Rendezvous {

    private final int parties;
    private final Duration wait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition opened = lock.newCondition();
    private int waiting;
    private int mostTogether;
    private boolean open;

    private Rendezvous(int parties, Duration wait) {
        if (parties < 1) {
            throw new IllegalArgumentException("a rendezvous needs at least one party, got " + parties);
        }
        this.parties = parties;
        this.wait = wait;
    }

    /** A rendezvous of {@code parties} requests that waits {@link Budgets#RENDEZVOUS_WAIT}. */
    public static Rendezvous of(int parties) {
        return of(parties, Budgets.RENDEZVOUS_WAIT);
    }

    /** A rendezvous of {@code parties} requests whose requests give up after {@code wait}. */
    public static Rendezvous of(int parties, Duration wait) {
        return new Rendezvous(parties, wait);
    }

    public int parties() {
        return parties;
    }

    /** The most requests that were waiting here at the same moment. */
    public int mostTogether() {
        lock.lock();
        try {
            return mostTogether;
        } finally {
            lock.unlock();
        }
    }

    public boolean isOpen() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the others; true once they all are here, false if the wait ran out or {@code abandoned} says stop. */
    boolean arriveAndAwait(BooleanSupplier abandoned) throws InterruptedException {
        lock.lock();
        try {
            waiting++;
            mostTogether = Math.max(mostTogether, waiting);
            if (waiting >= parties) {
                open = true;
                opened.signalAll();
            }
            long deadline = System.nanoTime() + wait.toNanos();
            while (!open && !abandoned.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                opened.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
            }
            if (!open) {
                waiting--;
            }
            return open;
        } finally {
            lock.unlock();
        }
    }

    String timeoutMessage() {
        return "rendezvous timed out: waited " + Budgets.describe(wait) + " for " + parties
                + " calls in flight together, but at most " + mostTogether() + " were";
    }
}
