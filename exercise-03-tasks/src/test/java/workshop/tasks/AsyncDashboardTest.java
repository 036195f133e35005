package workshop.tasks;

import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;
import static workshop.tasks.TaskBench.failureOf;
import static workshop.tasks.TaskBench.page;
import static workshop.tasks.TaskBench.start;
import static workshop.tasks.TaskBench.threadsWaitingInBlockingSend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.TripData;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.PartnerRelay;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.tasks.WeatherFallback;

@DisplayName("The asynchronous trip dashboard")
class AsyncDashboardTest extends AsyncDashboardFixture {

    /** The weather budget of the checks about it: one latency, far below the call timeout. */
    static final Duration WEATHER_BUDGET = Budgets.LATENCY;

    /** A call timeout so long that only a budget or a cancellation can end a call before it. */
    static final Duration LONG_CALL_TIMEOUT = Budgets.GUARD;

    /** The slow backend of a heartbeat check: a loop that waits for it misses many beats. */
    static final Duration SLOW = Budgets.times(3, Budgets.LATENCY);

    /**
     * How long a heartbeat check watches the loop while the partner APIs keep every call open. A loop
     * that join()s a partner part stalls for all of it, however many calls run at once, so it must be
     * far above any stall a busy machine adds to a free loop (the stall limit plus an idle thread's own stall).
     */
    static final Duration HELD_PARTNERS_WATCH = Budgets.times(6, Budgets.LATENCY);

    /** How much longer than an idle thread the loop may go without a heartbeat while pages load: half of {@link #SLOW}. */
    static final Duration STALL_LIMIT = Budgets.scaled(300);

    /** How long the first page of a heartbeat check may take: it loads everything for the first time. */
    static final Duration WARM_UP_BUDGET = Budgets.times(5, Budgets.SLACK);

    /**
     * How long the calls of many pages may take to be all out together: hundreds of connections to open
     * on a machine that may be busy. Code whose calls wait for one another never gets there, however long
     * the wait, so a long wait costs only such code time.
     */
    static final Duration ALL_OUT_WAIT = Budgets.times(2, Budgets.RENDEZVOUS_WAIT);

    /** Pages loaded at once by the visible check of many pages (three partner calls each): the lesson, step 5, states it. */
    static final int PAGES_AT_ONCE = 100;

    /** Platform threads a load of many pages may start: the HTTP client's selector, a scheduler's helpers, no more. */
    static final int PLATFORM_THREAD_ALLOWANCE = 16;

    @Nested
    @Step(1)
    @DisplayName("when every backend answers")
    class WhenEveryBackendAnswers {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void the_page_shows_the_profile_every_offer_and_the_weather() throws Exception {
            // WHEN
            Dashboard page = page(dashboard, 7);

            // THEN
            assertThat(page).as("the page of user 7").isEqualTo(TripData.dashboard(7));
        }

        @CorrectnessCheck(points = 2)
        void no_thread_waits_inside_a_blocking_send_while_the_calls_are_out() throws Exception {
            // GIVEN partner APIs that keep every call open
            bench.backends.partners().onAll(Behaviour.hangs());
            dashboard = bench.open(bench.settings(LONG_CALL_TIMEOUT, LONG_CALL_TIMEOUT));

            // WHEN the page has its three calls out
            CompletableFuture<Dashboard> loading = start(dashboard, 7);
            CallProbe partners = bench.backends.partners().probe();
            awaitThat("three partner calls in flight", Budgets.SLACK.plus(Budgets.SLACK), () -> partners.inFlight() == 3,
                    () -> "expected the page's three partner calls to be in flight together, saw " + partners.inFlight()
                            + ". Start all three calls before you wait for any of them.");
            List<String> waitingThreads = threadsWaitingInBlockingSend();
            loading.cancel(true);

            // THEN
            assertThat(waitingThreads)
                    .withFailMessage("expected no thread to wait for an answer, but %d thread(s) sat inside HttpClient.send()"
                                    + " while the calls were out: %s. A call made with send() holds its thread until the answer"
                                    + " comes: make each call so that waiting for its answer costs no thread (lesson, step 1).",
                            waitingThreads.size(), waitingThreads)
                    .isEmpty();
        }
    }

    @Nested
    @Step(2)
    @DisplayName("when the weather is late or broken")
    class WhenTheWeatherIsLateOrBroken {

        @TimingCheck(points = 2)
        void a_hung_weather_api_gives_the_marked_fallback_once_its_budget_is_spent() throws Exception {
            // GIVEN a weather API that never answers, and calls that may take very long
            bench.backends.partners().on(Backend.WEATHER, Behaviour.hangs());
            dashboard = bench.open(bench.settings(LONG_CALL_TIMEOUT, WEATHER_BUDGET));
            Duration budget = WEATHER_BUDGET.plus(Budgets.SLACK);

            // WHEN
            Timed<Dashboard> run;
            try {
                run = timedWithin(budget, "the page while the weather API hangs", () -> dashboard.load(7).get());
            } catch (AssertionError late) {
                throw reworded(late, "expected the page within " + Budgets.describe(budget) + " while the weather API"
                        + " hangs, but it was still loading then. The weather is optional: after its budget of "
                        + Budgets.describe(WEATHER_BUDGET) + " the page goes on without it, the weather marked unavailable"
                        + " (lesson, step 2).");
            }

            // THEN
            Dashboard page = run.value();
            assertThat(page.weather())
                    .withFailMessage("expected the weather to read '%s' (WeatherFallback.TEXT) after the budget, but it read '%s'",
                            WeatherFallback.TEXT, page.weather())
                    .isEqualTo(WeatherFallback.TEXT);
            assertThat(page.flights()).as("the flights on a page without weather").isEqualTo(TripData.dashboard(7).flights());
            assertTookAtLeast(run.took(), WEATHER_BUDGET, "the page gives the weather its whole budget before it falls back");
        }

        @CorrectnessCheck(points = 2)
        void a_failing_weather_api_gives_a_page_without_weather() throws Exception {
            // GIVEN
            bench.backends.partners().on(Backend.WEATHER, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));

            // WHEN
            Dashboard page;
            try {
                page = page(dashboard, 7);
            } catch (java.util.concurrent.ExecutionException failed) {
                throw new AssertionError("expected a page without weather when the weather API answers HTTP 500, but the"
                        + " page failed: " + TaskBench.unwrap(failed) + ". The weather is optional: when it fails, the page"
                        + " goes on without it, the weather marked unavailable (lesson, step 2).");
            }

            // THEN
            Dashboard expected = TripData.dashboard(7);
            assertThat(page)
                    .withFailMessage("expected the page of user 7 with the weather marked unavailable, but got %s", page)
                    .isEqualTo(new Dashboard(expected.profile(), expected.flights(), expected.hotels(), WeatherFallback.TEXT));
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void a_failing_flights_api_fails_the_page_and_names_it() throws Exception {
            // GIVEN
            bench.backends.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));

            // WHEN
            Throwable failure = failureOf(dashboard, 7, Budgets.GUARD, "the page while the flights API answers HTTP 500");

            // THEN
            assertThat(failure)
                    .withFailMessage("expected the page to fail with a BackendException naming the flights API, but it failed with %s",
                            failure)
                    .isInstanceOfSatisfying(BackendException.class,
                            named -> assertThat(named.backend()).as("the backend named").isEqualTo(Backend.FLIGHTS));
        }
    }

    @Nested
    @Step(3)
    @DisplayName("when the profile comes from JDBC")
    class WhenTheProfileComesFromJdbc {

        @CorrectnessCheck(points = 2)
        void the_query_runs_on_the_blocking_work_executor_never_on_the_loop_or_the_common_pool() throws Exception {
            // WHEN
            page(dashboard, 7);

            // THEN
            List<String> threads = bench.backends.profiles().probe().spans().stream().map(CallProbe.Span::thread).toList();
            assertThat(threads).as("the threads the profile queries ran on").hasSize(1);
            String thread = threads.getFirst();
            assertThat(thread)
                    .withFailMessage("the JDBC query ran on the event loop (%s): while it waits for the database, nothing else"
                            + " runs there. A query that blocks belongs on the blocking-work executor (lesson, step 3).", thread)
                    .doesNotContain(TaskBench.LOOP_THREAD);
            assertThat(thread)
                    .withFailMessage("the JDBC query ran on the common pool (%s), which has about one thread per core for"
                            + " work that never blocks (on this machine: %d). A query that blocks belongs on the blocking-work"
                            + " executor (lesson, step 3).",
                            thread, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism())
                    .doesNotContain("ForkJoinPool.commonPool");
            assertThat(thread)
                    .withFailMessage("expected the JDBC query on a thread of the blocking-work executor (named %s...), but it ran on %s"
                            + " (lesson, step 3)",
                            TaskBench.BLOCKING_WORK_THREAD, thread)
                    .contains(TaskBench.BLOCKING_WORK_THREAD);
        }
    }

    @Nested
    @Step(4)
    @DisplayName("while pages load")
    class WhilePagesLoad {

        @TimingCheck(points = 2)
        void the_loop_keeps_its_heartbeat_while_the_database_is_slow() throws Exception {
            assertTheLoopKeepsBeating("the database answers after " + Budgets.describe(SLOW), SLOW.plus(Budgets.SLACK).plus(Budgets.SLACK),
                    true, () -> bench.backends.profiles().latency(SLOW));
        }

        @TimingCheck(points = 2)
        void the_loop_keeps_its_heartbeat_while_the_partner_apis_are_slow() throws Exception {
            assertTheLoopKeepsBeating("the partner APIs keep every call open", HELD_PARTNERS_WATCH,
                    false, () -> bench.backends.partners().onAll(Behaviour.hangs()));
        }

        private void warmUp(AsyncDashboard dashboard) throws Exception {
            try {
                within(WARM_UP_BUDGET, "a first page while every backend is quick", () -> dashboard.load(1).get());
            } catch (AssertionError stuck) {
                String loopWaiting = TaskBench.blockingWait(bench.loopThreadStack()).map(where -> " The loop thread was waiting"
                        + " inside " + where + " then: nothing else runs on the loop while it waits, and what it waits for may"
                        + " need the loop to arrive.").orElse("");
                throw reworded(stuck, "expected a first page within " + Budgets.describe(WARM_UP_BUDGET) + " while every"
                        + " backend is quick, but it had not come then." + loopWaiting + " Keep the loop free (lesson, step 4).");
            }
        }

        /**
         * Loads four pages while {@code slowDown} holds them up, and watches the loop's heartbeat until the
         * pages are done or {@code watch} has passed. When the slow-down never ends ({@code pagesFinish} false),
         * the check watches for the whole of {@code watch} and then asks for every partner call out at once.
         */
        private void assertTheLoopKeepsBeating(String situation, Duration watch, boolean pagesFinish, Runnable slowDown)
                throws Exception {
            // GIVEN a dashboard that has served a page (so nothing is loaded for the first time), and a heartbeat on the loop
            dashboard = bench.open(bench.settings(Budgets.GUARD, Budgets.GUARD));
            warmUp(dashboard);
            slowDown.run();
            CallProbe partners = bench.backends.partners().probe();
            partners.reset();
            try (Heartbeat heartbeat = Heartbeat.on(bench.loop)) {

                // WHEN four pages load at once
                List<CompletableFuture<Dashboard>> pages = IntStream.rangeClosed(11, 14).mapToObj(user -> {
                    try {
                        return start(dashboard, user);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
                // The watch ends early once the loop, seen waiting, has already stalled past the limit: that stall only grows.
                CompletableFuture<Void> all = CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new));
                long watchEnd = System.nanoTime() + watch.toNanos();
                boolean finished = false;
                while (!finished && System.nanoTime() < watchEnd) {
                    finished = awaitQuietly(all, Duration.ofNanos(Math.max(0, Math.min(watchEnd - System.nanoTime(),
                            Heartbeat.PERIOD.multipliedBy(5).toNanos()))));
                    if (heartbeat.loopSeenWaitingIn().isPresent()
                            && heartbeat.longestStall().compareTo(STALL_LIMIT.plus(heartbeat.controlStall())) > 0) {
                        break;
                    }
                }
                Duration stall = heartbeat.longestStall();
                Duration control = heartbeat.controlStall();
                int together = partners.maxInFlight();
                pages.forEach(page -> page.cancel(true));

                // THEN the loop missed no more beats than a thread that has nothing else to do
                String seen = heartbeat.loopSeenWaitingIn().map(where -> " The loop thread was seen waiting inside " + where
                        + ": nothing else runs on the loop while it waits.").orElse("");
                if (stall.compareTo(STALL_LIMIT.plus(control)) > 0) {
                    throw new AssertionError("expected the loop to keep its heartbeat while " + situation + ", but it went "
                            + Budgets.describe(stall) + " without running anything else, while a thread with nothing else to do"
                            + " went at most " + Budgets.describe(control) + " without a beat (limit: "
                            + Budgets.describe(STALL_LIMIT.plus(control)) + ")." + seen
                            + " Keep the loop free: nothing that runs on it may wait (lesson, step 4).");
                }
                if (!pagesFinish) {
                    assertThat(together).withFailMessage("while %s, the four pages had at most %d of their 12 partner calls"
                            + " out together after %s; start every call before you wait for any", situation, together,
                            Budgets.describe(watch)).isEqualTo(12);
                    return;
                }
                assertThat(finished).withFailMessage("the four pages did not finish within %s", Budgets.describe(watch)).isTrue();
                for (int i = 0; i < pages.size(); i++) {
                    assertThat(pages.get(i).resultNow()).isEqualTo(TripData.dashboard(11 + i));
                }
            }
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void the_finished_page_is_handed_over_on_the_loop() throws Exception {
            // GIVEN
            AtomicReference<String> handedOverOn = new AtomicReference<>();

            // WHEN the caller's own callback is attached while the page loads
            CompletableFuture<Dashboard> loading = start(dashboard, 7);
            CompletableFuture<Dashboard> seen = loading.whenComplete((page, failure) -> handedOverOn.set(Thread.currentThread().getName()));
            within(Budgets.GUARD, "the page of user 7", seen::get);

            // THEN
            assertThat(handedOverOn.get())
                    .withFailMessage("expected the page's future to complete on the loop (thread '%s'), so that the caller's"
                            + " callbacks run there too, but it completed on '%s'. Complete the page's future on the loop"
                            + " (lesson, step 4).",
                            TaskBench.LOOP_THREAD, handedOverOn.get())
                    .isEqualTo(TaskBench.LOOP_THREAD);
        }
    }

    @Nested
    @Step(5)
    @DisplayName("when " + PAGES_AT_ONCE + " pages load at once")
    class WhenAHundredPagesLoadAtOnce {

        @TimingCheck(points = 3)
        void they_all_have_their_calls_out_together_on_a_handful_of_platform_threads() throws Exception {
            // Three hundred calls: more than a pool that spends a thread per waiting call can hold.
            assertManyPagesOnFewThreads(bench, PAGES_AT_ONCE);
        }
    }

    /**
     * Loads {@code count} pages at once while every partner call waits at one rendezvous of all of
     * them, and judges by counts: every page right (so all calls were out together), few platform threads started.
     */
    static void assertManyPagesOnFewThreads(TaskBench bench, int count) throws Exception {
        // GIVEN a dashboard that has served a page, and partner APIs that answer only when all calls are in together
        AsyncDashboard dashboard = bench.open(bench.settings(Budgets.GUARD, Budgets.GUARD));
        page(dashboard, 1);
        Rendezvous everyCall = Rendezvous.of(3 * count, ALL_OUT_WAIT);
        bench.backends.partners().onAll(Behaviour.answersAfter(Budgets.LATENCY).meetingAt(everyCall));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();
        int liveBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();

        // WHEN
        // (a thread seen inside a blocking send while the calls wait at the rendezvous holds a thread per call: that
        // is the verdict, given at once rather than once the rendezvous gives up)
        AtomicReference<List<String>> inBlockingSend = new AtomicReference<>(List.of());
        Timed<List<CompletableFuture<Dashboard>>> run = timedWithin(Budgets.GUARD, count + " pages at once", () -> {
            List<CompletableFuture<Dashboard>> pages = IntStream.rangeClosed(1, count).mapToObj(dashboard::load).toList();
            CompletableFuture<Void> all = CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new));
            long deadline = System.nanoTime() + Budgets.GUARD.toNanos();
            while (!awaitQuietly(all, Heartbeat.PERIOD.multipliedBy(2)) && System.nanoTime() < deadline) {
                List<String> waiting = threadsWaitingInBlockingSend();
                if (!waiting.isEmpty() && !everyCall.isOpen()) {
                    inBlockingSend.set(waiting);
                    pages.forEach(page -> page.cancel(true));
                    break;
                }
            }
            return pages;
        });
        if (!inBlockingSend.get().isEmpty()) {
            List<String> waiting = inBlockingSend.get();
            throw new AssertionError("expected the calls of " + count + " pages to wait for their answers without holding"
                    + " threads, but " + waiting.size() + " thread(s) sat inside HttpClient.send() while the calls were out, for"
                    + " example " + waiting.subList(0, Math.min(3, waiting.size())) + ". A call made with send() holds its"
                    + " thread until the answer comes (lesson, steps 1 and 5).");
        }
        long started = threads.getTotalStartedThreadCount() - startedBefore - 1; // less the check's own guard thread
        int peakExtra = threads.getPeakThreadCount() - liveBefore;

        // THEN every page is right
        List<CompletableFuture<Dashboard>> pages = run.value();
        List<Throwable> failures = pages.stream().filter(CompletableFuture::isCompletedExceptionally)
                .map(page -> TaskBench.unwrap(page.exceptionNow())).toList();
        assertThat(failures)
                .withFailMessage("expected all %d pages to load, but %d failed; the first with: %s. The partner APIs answer only"
                                + " when all %d calls are in flight together (%d were at most). Calls that each hold a thread"
                                + " while they wait cannot get there: the common pool does not grow without end, and the loop"
                                + " is one thread (lesson, step 5).",
                        count, failures.size(), failures.isEmpty() ? "" : failures.getFirst(), 3 * count, everyCall.mostTogether())
                .isEmpty();
        for (int user = 1; user <= count; user++) {
            assertThat(pages.get(user - 1).resultNow()).as("the page of user " + user).isEqualTo(TripData.dashboard(user));
        }
        // THEN few platform threads did all the waiting
        assertThat(started)
                .withFailMessage("expected at most %d new platform threads for %d pages, but %d were started (%d more alive at the peak; the pages took %s)."
                                + " Waiting for an answer must cost no thread, and neither may the HTTP client's own work"
                                + " on the answers: give it no thread pool of its own that grows with them (lesson, step 5).",
                        PLATFORM_THREAD_ALLOWANCE, count, started, peakExtra, Budgets.describe(run.took()))
                .isLessThanOrEqualTo(PLATFORM_THREAD_ALLOWANCE);
        assertThat(peakExtra)
                .withFailMessage("expected at most %d more platform threads alive while %d pages loaded, but there were %d more at the peak",
                        PLATFORM_THREAD_ALLOWANCE, count, peakExtra)
                .isLessThanOrEqualTo(PLATFORM_THREAD_ALLOWANCE);
        // No clock here: the rendezvous already proves that all calls were out together, which no code
        // that makes pages wait for one another can do, however fast the machine.
    }

    @Nested
    @Step(6)
    @DisplayName("when the caller cancels a page")
    class WhenTheCallerCancels {

        @CorrectnessCheck(points = 2)
        void no_partner_request_is_left_waiting() throws Exception {
            // GIVEN partner APIs that never answer, reached through a relay that sees when the client lets go
            bench.backends.partners().onAll(Behaviour.hangs());
            try (PartnerRelay relay = PartnerRelay.to(bench.backends.partners().baseUri())) {
                dashboard = bench.open(bench.settings(relay.baseUri(), LONG_CALL_TIMEOUT, LONG_CALL_TIMEOUT));
                CompletableFuture<Dashboard> loading = start(dashboard, 7);
                awaitThat("three partner requests out", Budgets.SLACK.plus(Budgets.SLACK), () -> relay.waiting() == 3,
                        () -> "expected the page's three partner requests to be out together, saw " + relay.waiting());

                // WHEN
                boolean cancelled = loading.cancel(true);

                // THEN
                assertThat(cancelled).as("cancelling a page still loading").isTrue();
                awaitThat("no partner request waiting", Budgets.SLACK, () -> relay.waiting() == 0,
                        () -> "expected no partner request to be held open " + Budgets.describe(Budgets.SLACK)
                                + " after the page was cancelled, but " + relay.waiting() + " still were. Cancelling a future"
                                + " does not stop the work behind it, nor the futures it was made from: when the page is"
                                + " cancelled, cancel its calls too (lesson, step 6).");
            }
        }

        @CorrectnessCheck(points = 2)
        void the_running_profile_query_stops() throws Exception {
            // GIVEN a database that never answers, and a call timeout that would let the query run very long
            bench.backends.profiles().hanging();
            dashboard = bench.open(bench.settings(LONG_CALL_TIMEOUT, LONG_CALL_TIMEOUT));
            CompletableFuture<Dashboard> loading = start(dashboard, 7);
            CallProbe queries = bench.backends.profiles().probe();
            awaitThat("the profile query running", Budgets.SLACK.plus(Budgets.SLACK), () -> queries.inFlight() == 1,
                    () -> "expected the page's profile query to be running, saw " + queries.inFlight() + " running");
            long cancelledAt = System.nanoTime();

            // WHEN
            loading.cancel(true);

            // THEN
            awaitThat("no profile query running", Budgets.SLACK, () -> queries.inFlight() == 0,
                    () -> "expected the profile query to stop within " + Budgets.describe(Budgets.SLACK) + " of the page's"
                            + " cancellation, but " + queries.inFlight() + " query still ran at the database "
                            + Budgets.describe(Duration.ofNanos(System.nanoTime() - cancelledAt)) + " after it, with a call"
                            + " timeout of " + Budgets.describe(LONG_CALL_TIMEOUT) + ". Cancelling a CompletableFuture interrupts"
                            + " nothing, because it does not know which thread works for it: the query must be run by"
                            + " something that does, and be cancelled with the page (lesson, step 6).");
        }
    }

    /** Waits for {@code future} at most {@code budget}; says whether it finished (a failure counts as finished). */
    static boolean awaitQuietly(CompletableFuture<?> future, Duration budget) {
        try {
            future.get(budget.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException failed) {
            return true;
        } catch (java.util.concurrent.TimeoutException late) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
