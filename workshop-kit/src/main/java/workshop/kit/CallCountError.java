package workshop.kit;

/** The calls in flight were not what the check requires: too few at the same moment, or too many at once. */
public final class CallCountError extends AssertionError implements LoadIndependentFailure {

    public CallCountError(String message) {
        super(message);
    }
}
