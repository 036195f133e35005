/**
 * The {@code ./workshop} command. {@link workshop.cli.Workshop} wires the jobs together, each in a
 * package of its own: {@code learner} (status, hint, reset), {@code watch}, {@code compare} (the
 * comparison lab), {@code export} (the learner edition) and {@code grade}; {@code workspace} is
 * what they share: the workshop folder, its exercises and their last test runs.
 */
package workshop.cli;
