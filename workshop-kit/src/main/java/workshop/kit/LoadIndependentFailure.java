package workshop.kit;

/**
 * A failure that no busy machine causes: code still running at the end of a hang guard
 * ({@link StillRunningError}), or calls in flight that were too few together or too many at once
 * ({@link CallCountError}). A neighbour slows code down; it does not make code wait forever, nor
 * start calls one after another that would have overlapped. So a grader that ran the check beside
 * other jobs takes such a failure as it is, and runs any other failure of a timing check again
 * alone. The stress check holds the reference solutions to this under load.
 */
public interface LoadIndependentFailure {
}
