package workshop.cli.grade;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Who may use the machine while checks run: any number of runs may share it, and a run that needs
 * it alone waits for a moment when nothing else runs. A waiting run does not hold back runs that
 * share at first (so one lone run does not idle the cores at once); once a run has waited {@link
 * #PATIENCE}, new sharers wait instead: the runs in progress end, every run waiting to be alone has
 * its turn, and the sharers go on. So a submission's grade never waits for the end of the class.
 */
final class Machine {

    /** How long the lone runs of one grading wait before the sharers make way: about two shared runs. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final long patienceNanos;
    private int sharing;
    private boolean alone;
    private int waitingAlone;
    /** When the first of the runs now waiting to be alone began to wait. */
    private long waitingSince;
    /** Sharers wait until every run now waiting to be alone has had its turn. */
    private boolean makingWay;

    Machine() {
        this(PATIENCE);
    }

    Machine(Duration patience) {
        this.patienceNanos = patience.toNanos();
    }

    /** A permit to run; close it when the run has ended. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    synchronized Permit share() {
        awaitUninterruptibly(() -> {
            makingWay |= waitingAlone > 0 && System.nanoTime() - waitingSince >= patienceNanos;
            return !alone && !makingWay;
        });
        sharing++;
        return () -> {
            synchronized (this) {
                sharing--;
                notifyAll();
            }
        };
    }

    synchronized Permit alone() {
        if (waitingAlone++ == 0) {
            waitingSince = System.nanoTime();
        }
        try {
            awaitUninterruptibly(() -> !alone && sharing == 0);
        } finally {
            waitingAlone--;
            makingWay &= waitingAlone > 0;
        }
        alone = true;
        return () -> {
            synchronized (this) {
                alone = false;
                notifyAll();
            }
        };
    }

    /** Waits until {@code free}; wakes now and then, since patience runs out without a notification. */
    private void awaitUninterruptibly(BooleanSupplier free) {
        boolean interrupted = false;
        while (!free.getAsBoolean()) {
            try {
                wait(Math.max(1, Math.min(1_000, patienceNanos / 1_000_000)));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
