package workshop.kit;

/**
 * A call overran its budget by more than the machine held any work back meanwhile (see {@link
 * MachinePressure}): on an idle machine it would have overrun all the same, so a run alone would
 * fail it again. A plain {@link AssertionError} stands for an overrun a busy machine may explain.
 */
public final class OverrunError extends AssertionError implements LoadIndependentFailure {

    public OverrunError(String message) {
        super(message);
    }
}
