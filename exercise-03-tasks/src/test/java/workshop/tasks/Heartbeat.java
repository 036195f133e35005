package workshop.tasks;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import workshop.kit.Budgets;

/**
 * A tiny task that runs on the event loop every {@link #PERIOD} and notes when it ran. While the
 * loop is free, it ticks on time; while anything blocks the loop, it cannot, and the gap between
 * two ticks shows for how long the loop was stuck.
 *
 * <p>A second heartbeat ticks on a thread of its own that nothing else uses: the <em>control</em>.
 * When the whole machine is slow (busy cores, a garbage collection) both heartbeats skip beats
 * alike; when code blocks the loop, only the loop's heartbeat does. Checks judge the loop's
 * longest stall against the control's.
 *
 * <p>The control thread also looks at the loop thread while the loop misses its beats, and notes
 * every place it saw the loop wait (a blocking send, a JDBC query, a join() or get()): the
 * evidence a message names.
 */
final class Heartbeat implements AutoCloseable {

    /** How often the heartbeat asks for the loop. */
    static final Duration PERIOD = Budgets.scaled(10);

    private final Beat onLoop;
    private final ScheduledExecutorService controlThread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "heartbeat-control");
        thread.setDaemon(true);
        return thread;
    });
    private final Beat control;
    private final Thread loopThread;
    private final java.util.Set<String> loopSeenWaitingIn = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    private Heartbeat(ScheduledExecutorService loop) {
        Thread found;
        try {
            found = loop.submit(Thread::currentThread).get(Budgets.SLACK.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception busy) {
            found = null;
        }
        loopThread = found;
        onLoop = new Beat(loop);
        control = new Beat(controlThread);
        controlThread.scheduleAtFixedRate(this::lookAtTheLoop, PERIOD.toNanos(), PERIOD.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void lookAtTheLoop() {
        if (loopThread != null && onLoop.currentGap().compareTo(PERIOD.multipliedBy(3)) > 0) {
            TaskBench.blockingWait(loopThread.getStackTrace()).ifPresent(loopSeenWaitingIn::add);
        }
    }

    /** Where the loop thread was seen waiting while it missed its beats, in the order first seen ("x and y"), if it was. */
    java.util.Optional<String> loopSeenWaitingIn() {
        synchronized (loopSeenWaitingIn) {
            return loopSeenWaitingIn.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(" and ", loopSeenWaitingIn));
        }
    }

    /** Starts ticking on {@code loop}, and on a control thread of its own. */
    static Heartbeat on(ScheduledExecutorService loop) {
        return new Heartbeat(loop);
    }

    /** The longest the loop went without a beat so far, the current gap included. */
    Duration longestStall() {
        return onLoop.longestStall();
    }

    /** The same for the control thread, which nothing but its heartbeat uses. */
    Duration controlStall() {
        return control.longestStall();
    }

    int ticks() {
        return onLoop.ticks;
    }

    @Override
    public void close() throws InterruptedException {
        onLoop.stop();
        control.stop();
        controlThread.shutdownNow();
        controlThread.awaitTermination(Budgets.SETTLE.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static final class Beat {
        private final ScheduledFuture<?> ticking;
        private volatile long lastTick = System.nanoTime();
        private volatile long longestGap;
        private volatile int ticks;

        Beat(ScheduledExecutorService thread) {
            ticking = thread.scheduleAtFixedRate(this::tick, 0, PERIOD.toNanos(), TimeUnit.NANOSECONDS);
        }

        // Runs on one thread only, so the plain read-modify-write of the volatile fields is safe.
        private void tick() {
            long now = System.nanoTime();
            longestGap = Math.max(longestGap, now - lastTick);
            lastTick = now;
            ticks++;
        }

        Duration longestStall() {
            return Duration.ofNanos(Math.max(longestGap, System.nanoTime() - lastTick));
        }

        Duration currentGap() {
            return Duration.ofNanos(System.nanoTime() - lastTick);
        }

        void stop() {
            ticking.cancel(false);
        }
    }
}
