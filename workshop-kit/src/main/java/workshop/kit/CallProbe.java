package workshop.kit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls a test backend receives: how many in all, how many at this moment, the most at
 * once, and when each ran. Tests judge concurrency by these counts first and by clocks last.
 *
 * <p>Thread-safe. A call is counted as in flight from {@link #begin} until its {@link Call#end}.
 */
public final class CallProbe {

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Queue<Span> spans = new ConcurrentLinkedQueue<>();

    /** Marks the start of one call, described for messages (for example {@code "flights?user=7"}). */
    public Call begin(String what) {
        calls.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return new Call(what, Thread.currentThread().toString(), System.nanoTime());
    }

    /** Calls begun so far. */
    public int calls() {
        return calls.get();
    }

    /** Calls begun and not yet ended. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most calls that were in flight at the same moment. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The calls that ended, by start time. */
    public List<Span> spans() {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::startNanos));
        return sorted;
    }

    /** Forgets every call; for a test that measures in phases. */
    public void reset() {
        calls.set(0);
        maxInFlight.set(inFlight.get());
        spans.clear();
    }

    /** One call in progress. */
    public final class Call {
        private final String what;
        private final String thread;
        private final long startNanos;
        private boolean ended;

        private Call(String what, String thread, long startNanos) {
            this.what = what;
            this.thread = thread;
            this.startNanos = startNanos;
        }

        /** Marks the end of this call; later calls do nothing. */
        public synchronized void end(String outcome) {
            if (!ended) {
                ended = true;
                spans.add(new Span(what, thread, startNanos, System.nanoTime(), outcome));
                inFlight.decrementAndGet();
            }
        }
    }

    /**
     * One finished call.
     *
     * @param what       what was called
     * @param thread     the thread the backend served it on ({@code Thread.toString()})
     * @param startNanos {@code System.nanoTime()} when it began
     * @param endNanos   {@code System.nanoTime()} when it ended
     * @param outcome    how it ended, for example {@code "200"} or {@code "client gone"}
     */
    public record Span(String what, String thread, long startNanos, long endNanos, String outcome) {

        public boolean overlaps(Span other) {
            return startNanos < other.endNanos && other.startNanos < endNanos;
        }
    }
}
