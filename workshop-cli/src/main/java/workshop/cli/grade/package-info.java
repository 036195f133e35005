/**
 * {@code ./workshop grade}: a class's submissions run against the visible and hidden checks in
 * fresh JVMs ({@link workshop.cli.grade.Grader}), written out as a gradebook, summaries and
 * Gradescope results ({@link workshop.cli.grade.Gradebook}); and the Gradescope autograder bundle.
 */
package workshop.cli.grade;
