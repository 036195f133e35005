package workshop.processes.workers;

import workshop.kit.Budgets;

/**
 * The child of a {@link SpawningWorker}: a process that outlives its parent. It ends on its own
 * only when the JVM that ran the job (its parent's parent, whose pid is its argument) ends, or
 * after {@link #LIFETIME}: whatever a wrong solution does, it cannot outlive the test run.
 */
public final class Lingerer {

    /** The longest it lives. */
    static final java.time.Duration LIFETIME = Budgets.times(3, Budgets.GUARD);

    private Lingerer() {
    }

    public static void main(String[] args) throws InterruptedException {
        ProcessHandle.of(Long.parseLong(args[0])).ifPresentOrElse(
                job -> job.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                () -> Runtime.getRuntime().halt(0));
        Thread.sleep(LIFETIME);
    }
}
