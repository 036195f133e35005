package workshop.kit;

/**
 * The code under test was still running at the end of a hang guard ({@link Budgets#GUARD} or
 * longer): it waits forever, not merely slowly. A busy machine stretches calls of a few hundred
 * milliseconds, never to the guard, so a grader need not run such a failure again alone to be
 * sure of it; a tighter budget missed throws a plain {@link AssertionError}, which it does re-run.
 */
public final class StillRunningError extends AssertionError {

    public StillRunningError(String message) {
        super(message);
    }
}
