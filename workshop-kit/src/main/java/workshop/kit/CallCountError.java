package workshop.kit;

/** The calls in flight were not what the check requires: too few at the same moment, or too many at once. */
public final class CallCountError extends AssertionError implements LoadIndependentFailure {

    public CallCountError(String message) {
        super(message);
    }

    /** @param cause what the check saw go wrong first (for example the budget it ran out of) */
    public CallCountError(String message, Throwable cause) {
        super(message, cause);
    }
}
