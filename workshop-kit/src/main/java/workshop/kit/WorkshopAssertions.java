package workshop.kit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one entry point for the workshop's assertions: everything AssertJ has, plus assertions whose
 * failure messages teach. Each says what was expected and what happened, measured; the caller adds
 * the idea and the lesson's step. None guesses a cause the evidence does not show.
 *
 * <pre>{@code
 * import static workshop.kit.WorkshopAssertions.*;
 *
 * Timed<Dashboard> run = timedWithin(Budgets.GUARD, "the dashboard of user 7", () -> dashboard.load(7));
 * assertInFlightTogether(partners.probe(), 3, "start all three partner calls before waiting for any");
 * }</pre>
 */
public class WorkshopAssertions extends Assertions {

    protected WorkshopAssertions() {
    }

    /** A value and how long it took to compute. */
    public record Timed<T>(T value, Duration took) {
    }

    /**
     * Runs {@code call} and returns its value with its duration, failing the test if it takes more
     * than {@code budget} (with a {@link StillRunningError} when the budget is a hang guard, {@link
     * Budgets#GUARD} or more, which ends early when a {@link Deadlocks} detector shows the call can never
     * finish). The call runs on a thread of its own, so the test ends on time even when
     * the code under test ignores interrupts (the abandoned thread is interrupted and left behind).
     * An exception from the call is rethrown as it is, for the test to judge.
     */
    public static <T> Timed<T> timedWithin(Duration budget, String what, Callable<T> call) throws Exception {
        return timedWithin(budget, Duration.ZERO, what, call);
    }

    /**
     * {@link #timedWithin(Duration, String, Callable)}, and when the call overruns {@code budget}, the
     * message also says when it ended, if it did within {@code watchLonger} more ("It ended after 3.1 s."):
     * the evidence that tells a slow wait from one that never ends. The call is interrupted only after that.
     */
    public static <T> Timed<T> timedWithin(Duration budget, Duration watchLonger, String what, Callable<T> call) throws Exception {
        CompletableFuture<Timed<T>> result = new CompletableFuture<>();
        Optional<MachinePressure.Mark> pressure = MachinePressure.now();
        AtomicLong started = new AtomicLong();
        Thread worker = Thread.ofPlatform().daemon().name("workshop-guarded-call").start(() -> {
            long start = System.nanoTime();
            started.set(start);
            try {
                T value = call.call();
                result.complete(new Timed<>(value, Duration.ofNanos(System.nanoTime() - start)));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            return awaitGuarded(result, budget);
        } catch (TimeoutException e) {
            String atThatMoment = StillRunning.describe(worker);
            AfterTheBudget after = budget.compareTo(Budgets.GUARD) >= 0 && watchLonger.isZero() ? AfterTheBudget.NOT_WATCHED
                    : watchAfter(result, budget, watchLonger, started, pressure);
            worker.interrupt();
            AssertionError overran = overran(budget, what, atThatMoment);
            String message = overran.getMessage() + after.seen();
            throw overran instanceof StillRunningError ? new StillRunningError(message)
                    : after.beyondLoad() ? new OverrunError(message) : new AssertionError(message);
        } catch (DeadlockFound deadlock) {
            worker.interrupt();
            throw new StillRunningError("expected " + what + " to finish within " + Budgets.describe(budget)
                    + ", but it never can: " + deadlock.getMessage());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** What was seen of an overrunning call after its budget, and whether a busy machine can explain the overrun. */
    private record AfterTheBudget(String seen, boolean beyondLoad) {
        static final AfterTheBudget NOT_WATCHED = new AfterTheBudget("", false);
    }

    /** How often a call is looked at after its budget. */
    private static final Duration AFTER_THE_BUDGET_POLL = Duration.ofMillis(20);

    /**
     * Watches a call that overran {@code budget}: for all of {@code watchLonger} when it is given (to
     * say when the call ended), otherwise only until the overrun exceeds what the machine held work
     * back since the call began (then no busy machine explains it), and at most {@link Budgets#SLACK}.
     */
    private static AfterTheBudget watchAfter(CompletableFuture<? extends Timed<?>> result, Duration budget, Duration watchLonger,
                                             AtomicLong started, Optional<MachinePressure.Mark> pressure) {
        boolean decideEarly = watchLonger.isZero();
        long end = System.nanoTime() + (decideEarly ? Budgets.SLACK : watchLonger).toNanos();
        while (true) {
            long left = end - System.nanoTime();
            try {
                Timed<?> timed = result.get(Math.max(0, Math.min(left, AFTER_THE_BUDGET_POLL.toNanos())), TimeUnit.NANOSECONDS);
                return judged(" It ended after " + Budgets.describe(timed.took()) + ".", timed.took().minus(budget), pressure);
            } catch (TimeoutException notYet) {
                long since = started.get() == 0 ? 0 : System.nanoTime() - started.get(); // 0: the call has not even begun
                Duration overrun = Duration.ofNanos(since).minus(budget);
                if (left <= AFTER_THE_BUDGET_POLL.toNanos() || decideEarly && beyondLoad(overrun, pressure).isPresent()) {
                    return judged(" It was still running " + Budgets.describe(overrun) + " later.", overrun, pressure);
                }
            } catch (ExecutionException failed) {
                return new AfterTheBudget(" It ended later, failing with " + failed.getCause() + ".", false);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return AfterTheBudget.NOT_WATCHED;
            }
        }
    }

    private static AfterTheBudget judged(String seen, Duration overrun, Optional<MachinePressure.Mark> pressure) {
        return beyondLoad(overrun, pressure).map(stalled -> new AfterTheBudget(seen + " Meanwhile the machine held work back for "
                + Budgets.describe(stalled) + " in all, less than that: a busy machine does not explain it.", true))
                .orElse(new AfterTheBudget(seen, false));
    }

    /** The machine's stall since the call began, when the overrun exceeds it; empty when load may explain the overrun. */
    private static Optional<Duration> beyondLoad(Duration overrun, Optional<MachinePressure.Mark> pressure) {
        return pressure.flatMap(MachinePressure.Mark::stalledSince).filter(stalled -> overrun.compareTo(stalled) > 0);
    }

    /** How often a hang guard asks the {@link Deadlocks} detectors. */
    private static final Duration DEADLOCK_POLL = Duration.ofMillis(50);

    /** Waits for {@code result} at most {@code budget}; a hang guard ends early when a {@link Deadlocks} detector sees a deadlock. */
    private static <T> T awaitGuarded(CompletableFuture<T> result, Duration budget)
            throws InterruptedException, ExecutionException, TimeoutException, DeadlockFound {
        if (budget.compareTo(Budgets.GUARD) < 0) {
            return result.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        }
        long deadline = System.nanoTime() + budget.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            try {
                return result.get(Math.max(0, Math.min(left, DEADLOCK_POLL.toNanos())), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                if (left <= DEADLOCK_POLL.toNanos()) {
                    throw notYet;
                }
                Optional<String> deadlock = Deadlocks.found();
                if (deadlock.isPresent()) {
                    throw new DeadlockFound(deadlock.get());
                }
            }
        }
    }

    private static final class DeadlockFound extends Exception {
        DeadlockFound(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The failure of an overrunning call in the caller's words: of the same kind as {@code overran} (a
     * hang, an overrun no busy machine explains, or one it may), so a grader judges it the same, and
     * ending with what {@code overran} saw after the budget, unless {@code message} already holds it.
     */
    public static AssertionError reworded(AssertionError overran, String message) {
        String original = overran.getMessage() == null ? "" : overran.getMessage();
        java.util.regex.Matcher seenAfter = AFTER_THE_BUDGET.matcher(original);
        int after = seenAfter.find() ? seenAfter.start() : -1;
        String tail = after < 0 || message.contains(original.substring(after)) ? "" : original.substring(after);
        String reworded = message + tail;
        AssertionError failure = overran instanceof StillRunningError ? new StillRunningError(reworded)
                : overran instanceof OverrunError ? new OverrunError(reworded) : new AssertionError(reworded);
        failure.initCause(overran.getCause());
        return failure;
    }

    /** Where {@link #watchAfter} begins what it adds to a message. */
    private static final java.util.regex.Pattern AFTER_THE_BUDGET = java.util.regex.Pattern.compile(" It (was still running|ended) ");

    /**
     * What was running at this moment, as evidence for a message: where {@code caller} waited, the other
     * threads in the exercise's code (virtual ones too) and where they waited, the processes still alive;
     * an empty string when nothing was seen.
     */
    public static String whatRan(Thread caller) {
        return StillRunning.describe(caller);
    }

    /**
     * The failure of a call still running at the end of {@code budget} (a hang when the budget is a
     * hang guard), with what was running at that moment: no guess at a cause the evidence does not show.
     */
    static AssertionError overran(Duration budget, String what, String atThatMoment) {
        String message = "expected " + what + " to finish within " + Budgets.describe(budget)
                + ", but it was still running then" + (atThatMoment.isEmpty() ? "." : ". At that moment: " + atThatMoment);
        return budget.compareTo(Budgets.GUARD) >= 0 ? new StillRunningError(message) : new AssertionError(message);
    }

    /**
     * Runs {@code call}, which is expected to fail, and returns what it threw, failing the test if
     * it returns normally or is still running after {@code budget}.
     */
    public static Throwable failureWithin(Duration budget, String what, Callable<?> call) {
        Object value;
        try {
            value = timedWithin(budget, what, call).value();
        } catch (AssertionError guard) {
            if (guard.getMessage() != null && guard.getMessage().startsWith("expected " + what + " to finish within")) {
                throw guard;
            }
            return guard;
        } catch (Exception failure) {
            return failure;
        }
        throw new AssertionError("expected " + what + " to fail, but it returned " + value);
    }

    /** {@link #timedWithin}, keeping only the value. */
    public static <T> T within(Duration budget, String what, Callable<T> call) throws Exception {
        return timedWithin(budget, what, call).value();
    }

    /** How often {@link #awaitThat} looks at its condition. */
    private static final Duration AWAIT_POLL = Budgets.scaled(5);

    /**
     * Waits until {@code condition} holds, at most {@code budget}; otherwise fails with the message
     * {@code failure} gives then, so that it can say what was seen at the end. The condition is looked
     * at right away, then every few milliseconds, on the calling thread: the wait starts no thread that
     * a check counting threads would see.
     */
    public static void awaitThat(String what, Duration budget, Callable<Boolean> condition, Supplier<String> failure) {
        try {
            Awaitility.await(what).atMost(budget).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(AWAIT_POLL)
                    .until(condition);
        } catch (ConditionTimeoutException notYet) {
            throw new AssertionError(failure.get());
        }
    }

    /**
     * Asserts that at least {@code expected} calls were in flight at the same moment: the calls
     * overlapped. {@code fix} says what to change when they did not.
     */
    public static void assertInFlightTogether(CallProbe probe, int expected, String fix) {
        int seen = probe.maxInFlight();
        if (seen < expected) {
            throw new CallCountError("expected " + expected + " calls in flight at once, saw at most " + seen
                    + (seen <= 1 ? ": the calls ran one after another" : ": only some calls overlapped")
                    + ". " + fix);
        }
    }

    /** Asserts that never more than {@code limit} calls were in flight at once. */
    public static void assertNeverMoreInFlightThan(CallProbe probe, int limit, String fix) {
        int seen = probe.maxInFlight();
        if (seen > limit) {
            throw new CallCountError("expected at most " + limit + " calls in flight at once, saw " + seen + ". " + fix);
        }
    }

    /** Asserts that {@code took} is at least {@code floor}: work that must take that long was really done; {@code why} says why it must. */
    public static void assertTookAtLeast(Duration took, Duration floor, String why) {
        if (took.compareTo(floor) < 0) {
            throw new AssertionError("expected it to take at least " + Budgets.describe(floor) + " (" + why
                    + "), but it took " + Budgets.describe(took) + ".");
        }
    }

    /**
     * Asserts that {@code took} is at most {@code budget}; {@code evidence} adds what the check measured
     * beside the time and the lesson's step (what it saw, never a guess at what made it slow).
     */
    public static void assertTookAtMost(Duration took, Duration budget, String evidence) {
        if (took.compareTo(budget) > 0) {
            throw new AssertionError("expected it to take at most " + Budgets.describe(budget) + ", but it took "
                    + Budgets.describe(took) + ". " + evidence);
        }
    }
}
