/**
 * {@code ./workshop export}: the learner edition, this workshop without its solutions, instructor
 * guides and instructor-only passages, checked for leaks and for links that no longer resolve.
 */
package workshop.cli.export;
