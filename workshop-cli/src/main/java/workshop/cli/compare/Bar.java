package workshop.cli.compare;

/**
 * One call or one chunk on a run's timeline, in nanoseconds from the run's start.
 *
 * @param label      what ran, for example {@code flights?user=7} or {@code chunk 3}
 * @param startNanos when it started, relative to the run's start
 * @param endNanos   when it ended, relative to the run's start
 */
record Bar(String label, long startNanos, long endNanos) {

    Bar {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException(label + ": a bar cannot end before it starts");
        }
    }
}
