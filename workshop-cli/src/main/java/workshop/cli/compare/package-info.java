/**
 * The comparison lab, {@code ./workshop compare}: the same IO-bound and CPU-bound workloads run with
 * each concurrency model of the workshop, measured side by side and drawn as timelines; on request, a
 * server workload too ({@link workshop.cli.compare.ServerWorkload}: many clients at once against a
 * dashboard server).
 *
 * <p>{@link workshop.cli.compare.CompareCommand} is the entry point. The lab takes the learner's
 * implementations whose checks pass (or the reference solutions with {@code --reference}), loads
 * each exercise's compiled classes in a class loader of its own, runs every model after a warm-up
 * several times, and reports medians in a terminal table and a self-contained HTML page.
 */
package workshop.cli.compare;
