package workshop.kit;

/**
 * The code under test was still running at the end of a hang guard ({@link Budgets#GUARD} or
 * longer): it waits forever, not merely slowly. A busy machine stretches calls of a few hundred
 * milliseconds, never to the guard; a tighter budget missed throws a plain {@link AssertionError}.
 */
public final class StillRunningError extends AssertionError implements LoadIndependentFailure {

    public StillRunningError(String message) {
        super(message);
    }
}
