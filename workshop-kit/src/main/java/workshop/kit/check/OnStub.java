package workshop.kit.check;

/** What a check is declared to do against the exercise's stub. */
public enum OnStub {
    /** The stub fails it: the check tells the stub from a solution. */
    FAILS,
    /** The stub already passes it (for example a correctness check of a correct but blocking stub). */
    PASSES
}
