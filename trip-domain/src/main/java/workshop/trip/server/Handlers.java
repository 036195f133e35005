package workshop.trip.server;

/**
 * Which threads run the dashboard server's request handlers.
 *
 * <ul>
 *   <li>{@link #fixedPool(int)}: a fixed pool of platform threads, one request per thread; when
 *       more requests come than there are threads, the rest wait in the pool's queue.</li>
 *   <li>{@link #virtualThreads()}: a new virtual thread per request; a waiting request costs a
 *       little memory, not a platform thread.</li>
 * </ul>
 */
public sealed interface Handlers {

    /** A fixed pool of {@code threads} platform threads. */
    record FixedPool(int threads) implements Handlers {
        public FixedPool {
            if (threads < 1) {
                throw new IllegalArgumentException("a pool needs at least one thread, not " + threads);
            }
        }
    }

    /** One new virtual thread per request. */
    record VirtualThreads() implements Handlers {
    }

    static Handlers fixedPool(int threads) {
        return new FixedPool(threads);
    }

    static Handlers virtualThreads() {
        return new VirtualThreads();
    }
}
