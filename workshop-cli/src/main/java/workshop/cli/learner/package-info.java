/**
 * The learner's commands that read and reset an exercise: {@code status} (progress from the last
 * test runs, and the report for a mentor), {@code hint} (the next hint of the step, one at a time)
 * and {@code reset} (back to the stub, with an undo).
 */
package workshop.cli.learner;
