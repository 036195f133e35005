package workshop.tasks;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import workshop.kit.Budgets;

/**
 * A tiny task that runs on the event loop every {@link #PERIOD} and notes when it ran. While the
 * loop is free, it ticks on time; while anything blocks the loop, it cannot, and the gap between
 * two ticks shows for how long the loop was stuck.
 */
final class Heartbeat implements AutoCloseable {

    /** How often the heartbeat asks for the loop. */
    static final Duration PERIOD = Budgets.scaled(10);

    private final ScheduledFuture<?> ticking;
    private volatile long lastTick = System.nanoTime();
    private volatile long longestGap;
    private volatile int ticks;

    private Heartbeat(ScheduledExecutorService loop) {
        ticking = loop.scheduleAtFixedRate(this::tick, 0, PERIOD.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts ticking on {@code loop}. */
    static Heartbeat on(ScheduledExecutorService loop) {
        return new Heartbeat(loop);
    }

    // Runs on the loop only, so the plain read-modify-write of the volatile fields is safe.
    private void tick() {
        long now = System.nanoTime();
        longestGap = Math.max(longestGap, now - lastTick);
        lastTick = now;
        ticks++;
    }

    /** The longest the loop went without a tick so far, the current gap included. */
    Duration longestStall() {
        return Duration.ofNanos(Math.max(longestGap, System.nanoTime() - lastTick));
    }

    int ticks() {
        return ticks;
    }

    @Override
    public void close() {
        ticking.cancel(false);
    }
}
