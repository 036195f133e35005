package workshop.tasks;

import static workshop.kit.WorkshopAssertions.within;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import workshop.kit.Budgets;
import workshop.kit.Deadlocks;
import workshop.kit.StillRunningError;
import workshop.kit.TripBackends;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.PartnerApiServer;
import workshop.kit.profile.ProfileDatabase;
import workshop.trip.Dashboard;
import workshop.trip.tasks.TaskSettings;

/**
 * What one check needs around an {@link AsyncDashboard}: the four backends, the event loop and
 * the executor for blocking work, all owned by the test and all closed by {@link #close()}.
 *
 * <p>The partner API server is new for every check; the profile database is shared by the checks
 * of one JVM and set back to answering after {@link Budgets#SHORT_LATENCY} for each.
 *
 * <p>The loop is one platform thread named {@value #LOOP_THREAD}; the blocking-work executor
 * starts one virtual thread per task, named {@value #BLOCKING_WORK_THREAD}{@code N}. Every backend
 * answers after {@link Budgets#SHORT_LATENCY} until a check says otherwise.
 */
final class TaskBench implements AutoCloseable {

    static final String LOOP_THREAD = "event-loop";
    static final String BLOCKING_WORK_THREAD = "blocking-work-";

    /**
     * The call timeout and weather budget of checks that are about neither: long enough for any call to
     * arrive on a busy machine, even made the stub's way (one blocking call after another).
     */
    static final Duration PATIENT = Budgets.times(5, Budgets.SLACK);

    /** How often {@link #sharedProfiles} looks whether the queries of earlier checks have ended. */
    private static final Duration POLL_INTERVAL = Budgets.scaled(5);

    /** One profile database for all checks of a JVM: filling it takes longer than most checks. */
    private static ProfileDatabase sharedProfiles;

    /**
     * How long the loop must wait on a future, with no backend call left that could complete it, before
     * a check calls it a deadlock (instead of waiting out its hang guard).
     */
    static final Duration DEADLOCK_WINDOW = Budgets.times(2, Budgets.SETTLE);

    final TripBackends backends = new TripBackends(PartnerApiServer.start(), sharedProfiles());
    private final AtomicReference<Thread> loopThread = new AtomicReference<>();
    final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, LOOP_THREAD);
        thread.setDaemon(true);
        loopThread.set(thread);
        return thread;
    });
    final ExecutorService blockingWork = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name(BLOCKING_WORK_THREAD, 0).factory());
    private final List<AsyncDashboard> opened = new ArrayList<>();
    private final Deadlocks.Watch deadlockWatch = Deadlocks.watch(new LoopDeadlock());

    TaskBench() {
        backends.profiles().probe().reset();
        backends.profiles().latency(Budgets.SHORT_LATENCY);
        backends.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY));
    }

    /**
     * Sees the loop wait forever for itself: it sits in a {@code join()} or {@code get()} without a
     * timeout while no partner call and no query is left that could complete what it waits for, for
     * {@link #DEADLOCK_WINDOW} on end. Only a task on the loop could, and the loop is the one waiting.
     */
    private final class LoopDeadlock implements Supplier<Optional<String>> {
        private long since = -1;

        @Override
        public synchronized Optional<String> get() {
            boolean stuck = loopWaitsOnAFuture() && backends.partners().probe().inFlight() == 0
                    && backends.profiles().probe().inFlight() == 0;
            long now = System.nanoTime();
            if (!stuck) {
                since = -1;
                return Optional.empty();
            }
            if (since < 0) {
                since = now;
            }
            if (now - since < DEADLOCK_WINDOW.toNanos()) {
                return Optional.empty();
            }
            return Optional.of("the event loop has waited in join() or get() without a timeout for " + Budgets.describe(DEADLOCK_WINDOW)
                    + " while no partner call and no query was left to answer it. What it waits for needs the loop"
                    + " itself (a callback, the HTTP client's bookkeeping), so it waits forever. Nothing that runs on the"
                    + " loop may wait (lesson, step 4).");
        }

        private boolean loopWaitsOnAFuture() {
            Thread thread = loopThread.get();
            if (thread == null || thread.getState() != Thread.State.WAITING) {
                return false;
            }
            // join() and get() wait in waitingGet; get(timeout) waits in timedGet, and ends by itself
            return Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                    frame.getClassName().equals(CompletableFuture.class.getName()) && frame.getMethodName().equals("waitingGet"));
        }
    }

    /**
     * The shared profile database, once no query of an earlier check runs in it any more (the
     * checks count queries in flight); a fresh one if a query of an earlier check still hangs.
     */
    private static synchronized ProfileDatabase sharedProfiles() {
        if (sharedProfiles != null) {
            ProfileDatabase earlier = sharedProfiles;
            earlier.latency(Budgets.SHORT_LATENCY);
            try {
                Awaitility.await("queries of earlier checks ending").atMost(Budgets.SETTLE).pollDelay(Duration.ZERO)
                        .pollInterval(POLL_INTERVAL).until(() -> earlier.probe().inFlight() == 0);
            } catch (ConditionTimeoutException stillRunning) {
                sharedProfiles = null;
            }
        }
        if (sharedProfiles == null) {
            sharedProfiles = ProfileDatabase.start();
        }
        return sharedProfiles;
    }

    /** Settings for these backends, for checks about neither timeouts nor budgets: {@link #PATIENT} for both. */
    TaskSettings settings() {
        return settings(PATIENT, PATIENT);
    }

    TaskSettings settings(Duration callTimeout, Duration weatherBudget) {
        return settings(backends.partners().baseUri(), callTimeout, weatherBudget);
    }

    TaskSettings settings(URI partnerApi, Duration callTimeout, Duration weatherBudget) {
        return new TaskSettings(
                new workshop.trip.DashboardSettings(partnerApi, backends.profiles().dataSource(), callTimeout),
                loop, blockingWork, weatherBudget);
    }

    /** The loop thread's stack at this moment (empty before the loop has run anything). */
    StackTraceElement[] loopThreadStack() {
        Thread thread = loopThread.get();
        return thread == null ? new StackTraceElement[0] : thread.getStackTrace();
    }

    /** A dashboard on these settings, closed with the bench. */
    AsyncDashboard open(TaskSettings settings) throws Exception {
        AsyncDashboard dashboard = within(Budgets.GUARD, "creating the AsyncDashboard", () -> new AsyncDashboard(settings));
        opened.add(dashboard);
        return dashboard;
    }

    /**
     * Starts loading one page; load() itself must return at once, so it is guarded too. While it has not
     * returned, its thread is watched: seen inside a blocking send, a JDBC query, or a join() or get(), it
     * fails at once, naming where it waited, instead of at the end of the guard.
     */
    static CompletableFuture<Dashboard> start(AsyncDashboard dashboard, int user) throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<CompletableFuture<Dashboard>> loaded = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("workshop-load-" + user).start(() -> {
            caller.set(Thread.currentThread());
            try {
                loaded.complete(dashboard.load(user));
            } catch (Throwable failure) {
                loaded.completeExceptionally(failure);
            }
        });
        long deadline = System.nanoTime() + Budgets.GUARD.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return loaded.get(CALLER_WATCH.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof Exception exception) {
                    throw exception;
                }
                throw (Error) failed.getCause();
            } catch (TimeoutException notYet) {
                Thread thread = caller.get();
                Optional<String> waitingIn = thread == null ? Optional.empty() : blockingWait(thread.getStackTrace());
                if (waitingIn.isPresent() && !loaded.isDone()) {
                    thread.interrupt();
                    throw new AssertionError("expected load(" + user + ") to return its future at once, but the thread that"
                            + " called it waited inside " + waitingIn.get() + " before load() returned: while it waits,"
                            + " that thread can do nothing else. Start every call and return the future at once; the page"
                            + " is put together when the answers arrive (lesson, step 1).");
                }
            }
        }
        Thread thread = caller.get();
        if (thread != null) {
            thread.interrupt();
        }
        throw new StillRunningError("expected load(" + user + ") to return its future within " + Budgets.describe(Budgets.GUARD)
                + ", but it was still running then.");
    }

    /** How often {@link #start} looks at the thread that called load(). */
    private static final Duration CALLER_WATCH = Duration.ofMillis(20);

    /** Where a thread with these frames waits for a call or for another task: a blocking send, a JDBC query, a join() or get(). */
    static Optional<String> blockingWait(StackTraceElement[] frames) {
        for (StackTraceElement frame : frames) {
            String type = frame.getClassName();
            String method = frame.getMethodName();
            if (method.equals("send") && (type.startsWith("jdk.internal.net.http.HttpClient") || type.equals("java.net.http.HttpClient"))) {
                return Optional.of("HttpClient.send()");
            }
            if ((method.equals("executeQuery") || method.equals("execute")) && !type.startsWith("java.") && !type.startsWith("jdk.")
                    && frame.toString().toLowerCase(java.util.Locale.ROOT).contains("statement")) {
                return Optional.of("a JDBC query (" + type + "." + method + ")");
            }
            if (type.equals("java.util.concurrent.CompletableFuture") && (method.equals("join") || method.equals("get"))) {
                return Optional.of("CompletableFuture." + method + "()");
            }
        }
        return Optional.empty();
    }

    /** Loads one page and waits for it, at the edge, the one place where waiting is right. */
    static Dashboard page(AsyncDashboard dashboard, int user) throws Exception {
        return within(Budgets.GUARD, "the page of user " + user, () -> dashboard.load(user).get());
    }

    /**
     * How the page of {@code user} failed, unwrapped from the future's {@link ExecutionException}
     * or {@link CompletionException}; fails the check when the page did not fail.
     */
    static Throwable failureOf(AsyncDashboard dashboard, int user, Duration budget, String what) throws Exception {
        Dashboard page;
        try {
            page = within(budget, what, () -> dashboard.load(user).get());
        } catch (ExecutionException | CompletionException wrapped) {
            return unwrap(wrapped);
        }
        throw new AssertionError("expected " + what + " to fail, but the page completed: " + page
                + ". Only the optional weather may fall back: a failure of the profile, flights or hotels must fail the"
                + " page's future (lesson, step 2).");
    }

    /** The failure inside any number of {@link ExecutionException}s and {@link CompletionException}s. */
    static Throwable unwrap(Throwable failure) {
        Throwable at = failure;
        while ((at instanceof ExecutionException || at instanceof CompletionException) && at.getCause() != null) {
            at = at.getCause();
        }
        return at;
    }

    /** Names of the platform threads that are waiting inside the HTTP client's blocking {@code send}. */
    static List<String> threadsWaitingInBlockingSend() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame ->
                        frame.getMethodName().equals("send")
                        && (frame.getClassName().startsWith("jdk.internal.net.http.HttpClient")
                            || frame.getClassName().equals("java.net.http.HttpClient"))))
                .map(thread -> thread.getKey().getName())
                .sorted()
                .toList();
    }

    @Override
    public void close() throws Exception {
        try {
            for (AsyncDashboard dashboard : opened) {
                within(Budgets.SETTLE, "AsyncDashboard.close()", () -> {
                    dashboard.close();
                    return null;
                });
            }
        } finally {
            deadlockWatch.close();
            loop.shutdownNow();
            blockingWork.shutdownNow();
            loop.awaitTermination(Budgets.SETTLE.toNanos(), TimeUnit.NANOSECONDS);
            blockingWork.awaitTermination(Budgets.SETTLE.toNanos(), TimeUnit.NANOSECONDS);
            backends.partners().close(); // the profile database stays open for the next check
        }
    }
}
