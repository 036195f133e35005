package workshop.tasks;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.within;
import static workshop.tasks.TaskBench.start;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.TripData;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.tasks.WeatherFallback;

/**
 * The page's future settles on the loop on every path by which a page settles: every part in time,
 * the weather by its budget, the weather by a failure, the profile last, and a required part failing
 * last. The verdict is the name of the thread that settled the page, never a clock.
 */
@DisplayName("The asynchronous trip dashboard, where its pages settle (hidden checks)")
class AsyncDashboardSettlingHiddenTest extends BenchFixture {

    /** The weather budget of the check where it runs out: long after every other part has arrived. */
    static final Duration WEATHER_BUDGET = Budgets.times(2, Budgets.LATENCY);

    /**
     * How long after the partner APIs' last answer the profile comes, where it must come last. It only
     * orders the parts for code that settles the page wherever the last part arrives; a page handed over
     * on the loop passes whatever the order.
     */
    static final Duration PROFILE_AFTER_PARTNERS = Budgets.LATENCY;

    /**
     * How the page of user 7 settled.
     *
     * @param thread  the name of the thread on which its future completed
     * @param page    the page, or null when it failed
     * @param failure the failure, unwrapped, or null when it has a page
     */
    record Settled(String thread, Dashboard page, Throwable failure) {
    }

    /**
     * Loads the page of user 7 while its profile query is held, so that the page cannot settle before the
     * check watches it; runs {@code meanwhile}; then lets the query answer, or fail when {@code profileFails};
     * and returns where and how the page settled.
     */
    Settled settle(AsyncDashboard dashboard, Runnable meanwhile, boolean profileFails) throws Exception {
        bench.backends.profiles().hanging();
        CompletableFuture<Dashboard> loading = start(dashboard, 7);
        if (loading.isDone()) {
            throw new AssertionError("expected the page of user 7 to be loading while its profile query waits in the database,"
                    + " but it had already settled: " + describe(loading) + ". The profile is a required part of the page.");
        }
        CompletableFuture<String> settledOn = new CompletableFuture<>();
        loading.whenComplete((page, failure) -> settledOn.complete(Thread.currentThread().getName()));
        meanwhile.run();
        if (profileFails) {
            bench.backends.profiles().failing();
        } else {
            bench.backends.profiles().latency(Duration.ZERO);
        }
        String thread = within(Budgets.GUARD, "the page of user 7", () -> settledOn.get());
        return loading.isCompletedExceptionally()
                ? new Settled(thread, null, TaskBench.unwrap(loading.exceptionNow()))
                : new Settled(thread, loading.resultNow(), null);
    }

    /**
     * A dashboard on {@code settings} that has served a whole page, so that nothing is loaded for the first time
     * while the check orders the parts (a first answer costs a cold JVM far more than {@link #PROFILE_AFTER_PARTNERS}).
     * The backends answer as the check then sets them; the partner APIs' counts start again from zero.
     */
    AsyncDashboard warmedUp(workshop.trip.tasks.TaskSettings settings) throws Exception {
        AsyncDashboard dashboard = bench.open(settings);
        within(Budgets.GUARD, "a first page while every backend answers", () -> dashboard.load(1).get());
        bench.backends.partners().probe().reset();
        return dashboard;
    }

    /** Waits until the partner APIs have sent all three answers, and a moment more for them to reach the page. */
    void thePartnersHaveAnswered() {
        CallProbe partners = bench.backends.partners().probe();
        awaitThat("three partner answers sent", Budgets.times(2, Budgets.SLACK), () -> partners.calls() == 3 && partners.inFlight() == 0,
                () -> "expected the page's three partner calls to be answered while its profile query waited, but "
                        + partners.calls() + " arrived and " + partners.inFlight() + " were still in flight. Start every call"
                        + " at once, without waiting for the profile (lesson, step 1).");
        try {
            Thread.sleep(PROFILE_AFTER_PARTNERS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the partner answers reached the page", e);
        }
    }

    private static String describe(CompletableFuture<Dashboard> settled) {
        return settled.isCompletedExceptionally() ? "it failed with " + TaskBench.unwrap(settled.exceptionNow())
                : settled.isCancelled() ? "it was cancelled" : "its page was " + settled.resultNow();
    }

    /** What the thread is, in the words of the lesson. */
    private static String whose(String thread) {
        if (thread.startsWith(TaskBench.BLOCKING_WORK_THREAD)) {
            return ", a thread of the blocking-work executor, where the profile query ran";
        }
        if (thread.contains("Delay") || thread.contains("Scheduler")) {
            return ", the timer thread that ends the weather's budget";
        }
        if (thread.startsWith("HttpClient")) {
            return ", a thread of the HTTP client";
        }
        if (thread.startsWith("ForkJoinPool.commonPool")) {
            return ", a thread of the common pool";
        }
        return "";
    }

    static void assertSettledOnTheLoop(Settled settled, String path) {
        if (!settled.thread().equals(TaskBench.LOOP_THREAD)) {
            throw new AssertionError("the page completed on thread " + settled.thread() + whose(settled.thread())
                    + ", not on the loop (" + TaskBench.LOOP_THREAD + "), when " + path + ": the callbacks the caller chains"
                    + " on the page then run there. The page is handed over on the loop on every path, whichever part came"
                    + " last and on whatever thread, and when a part failed too (lesson, step 4).");
        }
    }

    static void assertPage(Settled settled, Dashboard expected, String path) {
        assertThat(settled.failure())
                .withFailMessage(() -> "expected the page of user 7 when " + path + ", but it failed with " + settled.failure())
                .isNull();
        assertThat(settled.page()).as("the page of user 7 when " + path).isEqualTo(expected);
    }

    static Dashboard withoutWeather(Dashboard page) {
        return new Dashboard(page.profile(), page.flights(), page.hotels(), WeatherFallback.TEXT);
    }

    @Nested
    @Step(4)
    @DisplayName("the page's future completes on the loop")
    class ThePageSettlesOnTheLoop {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void when_every_part_arrives_in_time() throws Exception {
            // GIVEN every backend answers
            AsyncDashboard dashboard = warmedUp(bench.settings());

            // WHEN
            Settled settled = settle(dashboard, () -> { }, false);

            // THEN
            String path = "every part arrived in time";
            assertSettledOnTheLoop(settled, path);
            assertPage(settled, TripData.dashboard(7), path);
        }

        @CorrectnessCheck(points = 1)
        void when_the_weather_budget_runs_out() throws Exception {
            // GIVEN a weather API that never answers, and a budget long after every other part has come
            AsyncDashboard dashboard = warmedUp(bench.settings(TaskBench.PATIENT, WEATHER_BUDGET));
            bench.backends.partners().on(Backend.WEATHER, Behaviour.hangs());

            // WHEN
            Settled settled = settle(dashboard, () -> { }, false);

            // THEN
            String path = "the weather's budget ran out after every other part had come";
            assertSettledOnTheLoop(settled, path);
            assertPage(settled, withoutWeather(TripData.dashboard(7)), path);
        }

        @CorrectnessCheck(points = 1)
        void when_the_weather_fails() throws Exception {
            // GIVEN a weather API that answers HTTP 500 after the other partner APIs have answered
            AsyncDashboard dashboard = warmedUp(bench.settings());
            bench.backends.partners().onAll(Behaviour.answersAfter(Duration.ZERO));
            bench.backends.partners().on(Backend.WEATHER, Behaviour.answersAfter(Budgets.LATENCY).withStatus(500));

            // WHEN
            Settled settled = settle(dashboard, () -> { }, false);

            // THEN
            String path = "the weather API failed";
            assertSettledOnTheLoop(settled, path);
            assertPage(settled, withoutWeather(TripData.dashboard(7)), path);
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void when_the_profile_arrives_last() throws Exception {
            // GIVEN partner APIs that answer at once, and a profile that comes once they have
            AsyncDashboard dashboard = warmedUp(bench.settings());
            bench.backends.partners().onAll(Behaviour.answersAfter(Duration.ZERO));

            // WHEN
            Settled settled = settle(dashboard, AsyncDashboardSettlingHiddenTest.this::thePartnersHaveAnswered, false);

            // THEN
            String path = "the profile arrived after every other part";
            assertSettledOnTheLoop(settled, path);
            assertPage(settled, TripData.dashboard(7), path);
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void when_a_required_part_fails_last() throws Exception {
            // GIVEN partner APIs that answer at once, and a profile database that fails once they have
            AsyncDashboard dashboard = warmedUp(bench.settings());
            bench.backends.partners().onAll(Behaviour.answersAfter(Duration.ZERO));

            // WHEN
            Settled settled = settle(dashboard, AsyncDashboardSettlingHiddenTest.this::thePartnersHaveAnswered, true);

            // THEN
            String path = "the profile database failed after every other part had come";
            assertSettledOnTheLoop(settled, path);
            assertThat(settled.failure())
                    .withFailMessage(() -> "expected the page to fail with a BackendException naming the profile database when "
                            + path + ", but " + (settled.failure() == null ? "it showed " + settled.page() : "it failed with "
                            + settled.failure()))
                    .isInstanceOfSatisfying(BackendException.class,
                            named -> assertThat(named.backend()).as("the backend named").isEqualTo(Backend.PROFILE));
        }
    }
}
