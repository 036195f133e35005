package workshop.cli.grade;

/**
 * Who may use the machine while checks run: any number of runs may share it, and a run that needs
 * it alone waits for a moment when nothing else runs. A waiting run does not hold back runs that
 * share (so one lone run cannot stall every job behind a long neighbour); it goes as soon as the
 * machine is free, at the latest when the other jobs have finished.
 */
final class Machine {

    private int sharing;
    private boolean alone;

    /** A permit to run; close it when the run has ended. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    synchronized Permit share() {
        awaitUninterruptibly(() -> !alone);
        sharing++;
        return () -> {
            synchronized (this) {
                sharing--;
                notifyAll();
            }
        };
    }

    synchronized Permit alone() {
        awaitUninterruptibly(() -> !alone && sharing == 0);
        alone = true;
        return () -> {
            synchronized (this) {
                alone = false;
                notifyAll();
            }
        };
    }

    private void awaitUninterruptibly(java.util.function.BooleanSupplier free) {
        boolean interrupted = false;
        while (!free.getAsBoolean()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
