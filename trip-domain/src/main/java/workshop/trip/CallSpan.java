package workshop.trip;

/**
 * When one backend call ran, on the {@link System#nanoTime()} clock of this JVM.
 *
 * @param backend    the backend called
 * @param startNanos {@code System.nanoTime()} just before the call
 * @param endNanos   {@code System.nanoTime()} just after it returned or failed
 */
public record CallSpan(Backend backend, long startNanos, long endNanos) {

    public CallSpan {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException(backend + ": a call cannot end before it starts");
        }
    }

    /** Whether this call and the other were running at the same moment. */
    public boolean overlaps(CallSpan other) {
        return startNanos < other.endNanos && other.startNanos < endNanos;
    }
}
