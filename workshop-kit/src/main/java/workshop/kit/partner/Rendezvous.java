package workshop.kit.partner;

import java.time.Duration;
import workshop.kit.Budgets;

/**
 * A meeting point for requests: none is answered until {@code parties} of them are waiting at
 * the same moment. Code that makes its calls one after another can never pass it, and a correct
 * concurrent client passes it however slow the machine is.
 *
 * <p>One rendezvous may be shared by several endpoints (for example the three partner APIs of one
 * dashboard). Once open it stays open. A request that waits longer than
 * {@link Budgets#RENDEZVOUS_WAIT} gives up, leaves, and is answered with status 503 and a body that
 * says how many were there together at most.
 */
public final class Rendezvous {

    private final int parties;
    private final Duration wait;
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
        return new Rendezvous(parties, Budgets.RENDEZVOUS_WAIT);
    }

    public int parties() {
        return parties;
    }

    /** The most requests that were waiting here at the same moment. */
    public synchronized int mostTogether() {
        return mostTogether;
    }

    public synchronized boolean isOpen() {
        return open;
    }

    /** Waits for the others; true once they all are here, false if the wait ran out or {@code abandoned} says stop. */
    synchronized boolean arriveAndAwait(java.util.function.BooleanSupplier abandoned) throws InterruptedException {
        waiting++;
        mostTogether = Math.max(mostTogether, waiting);
        if (waiting >= parties) {
            open = true;
            notifyAll();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!open && !abandoned.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, Math.min(10, left / 1_000_000)));
        }
        if (!open) {
            waiting--;
        }
        return open;
    }

    synchronized String timeoutMessage() {
        return "rendezvous timed out: waited " + Budgets.describe(wait) + " for " + parties
                + " calls in flight together, but at most " + mostTogether + " were";
    }
}
