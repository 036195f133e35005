package workshop.tasks;

import static workshop.kit.WorkshopAssertions.assertInFlightTogether;
import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;
import static workshop.tasks.AsyncDashboardTest.awaitQuietly;
import static workshop.tasks.TaskBench.failureOf;
import static workshop.tasks.TaskBench.page;
import static workshop.tasks.TaskBench.start;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.tasks.WeatherFallback;

@DisplayName("The asynchronous trip dashboard (hidden checks)")
class AsyncDashboardHiddenTest extends AsyncDashboardFixture {

    /** Pages loaded at once at grading (three partner calls each): the lesson, step 5, states it. */
    static final int PAGES_AT_ONCE_AT_GRADING = 200;

    /** A call timeout for checks that wait for it to pass: a few latencies. */
    static final Duration SHORT_CALL_TIMEOUT = Budgets.times(2, Budgets.LATENCY);

    List<CompletableFuture<Dashboard>> startPages(int firstUser, int count) throws Exception {
        List<CompletableFuture<Dashboard>> pages = new ArrayList<>();
        for (int user = firstUser; user < firstUser + count; user++) {
            pages.add(start(dashboard, user));
        }
        return pages;
    }

    static void assertBackendNamed(Throwable failure, Backend expected, String situation) {
        assertThat(failure)
                .withFailMessage("expected the page to fail with a BackendException naming the %s when %s, but it failed with %s",
                        expected, situation, failure)
                .isInstanceOfSatisfying(BackendException.class, named -> assertThat(named.backend())
                        .withFailMessage("expected the BackendException to name the %s, but it named the %s: %s",
                                expected, named.backend(), named.getMessage())
                        .isEqualTo(expected));
    }

    @Nested
    @Step(1)
    @DisplayName("when every backend answers")
    class WhenEveryBackendAnswers {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void pages_of_different_users_loading_together_do_not_mix() throws Exception {
            // WHEN
            List<CompletableFuture<Dashboard>> pages = startPages(21, 3);
            within(Budgets.GUARD, "three pages", () -> CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).get());

            // THEN
            for (int i = 0; i < pages.size(); i++) {
                assertThat(pages.get(i).resultNow()).as("the page of user " + (21 + i)).isEqualTo(TripData.dashboard(21 + i));
            }
        }
    }

    @Nested
    @Step(2)
    @DisplayName("when one part is late or broken")
    class WhenOnePartIsLateOrBroken {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void weather_that_answers_within_its_budget_is_shown() throws Exception {
            // GIVEN a weather API slower than the others, but within its budget
            bench.backends.partners().on(Backend.WEATHER, Behaviour.answersAfter(Budgets.LATENCY));
            dashboard = bench.open(bench.settings(Budgets.CALL_TIMEOUT, Budgets.CALL_TIMEOUT));

            // WHEN
            Dashboard page = page(dashboard, 7);

            // THEN
            assertThat(page.weather())
                    .withFailMessage("expected the forecast '%s', which came after %s, well within the weather budget of %s,"
                                    + " but the page showed '%s'. Fall back only when the budget is spent or the weather fails.",
                            TripData.dashboard(7).weather(), Budgets.describe(Budgets.LATENCY),
                            Budgets.describe(Budgets.CALL_TIMEOUT), page.weather())
                    .isEqualTo(TripData.dashboard(7).weather());
        }

        @CorrectnessCheck(points = 1)
        void a_malformed_weather_reply_gives_a_page_without_weather() throws Exception {
            // GIVEN
            bench.backends.partners().on(Backend.WEATHER, Behaviour.answersAfter(Budgets.SHORT_LATENCY).malformed());

            // WHEN
            CompletableFuture<Dashboard> loading = start(dashboard, 7);
            awaitQuietly(loading, Budgets.GUARD);

            // THEN
            assertThat(loading.isCompletedExceptionally())
                    .withFailMessage(() -> "expected a page without weather when the weather API sends an HTML error page,"
                            + " but the page failed: " + TaskBench.unwrap(loading.exceptionNow())
                            + ". Any failure of the weather, not just a timeout, gives the page without weather (lesson, step 2).")
                    .isFalse();
            Dashboard expected = TripData.dashboard(7);
            assertThat(loading.resultNow())
                    .isEqualTo(new Dashboard(expected.profile(), expected.flights(), expected.hotels(), WeatherFallback.TEXT));
        }

        @CorrectnessCheck(points = 2, onStub = OnStub.PASSES)
        void a_failing_hotels_api_fails_the_page_even_while_the_weather_falls_back() throws Exception {
            // GIVEN
            bench.backends.partners().on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));
            bench.backends.partners().on(Backend.WEATHER, Behaviour.hangs());
            dashboard = bench.open(bench.settings(Budgets.CALL_TIMEOUT, AsyncDashboardTest.WEATHER_BUDGET));

            // WHEN
            Throwable failure = failureOf(dashboard, 7, Budgets.GUARD, "the page while the hotels API answers HTTP 500");

            // THEN
            assertBackendNamed(failure, Backend.HOTELS, "the hotels API answers HTTP 500");
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void a_failing_profile_database_fails_the_page_and_names_it() throws Exception {
            // GIVEN
            bench.backends.profiles().failing();

            // WHEN
            Throwable failure = failureOf(dashboard, 7, Budgets.GUARD, "the page while the profile database fails");

            // THEN
            assertBackendNamed(failure, Backend.PROFILE, "the database fails");
        }

        @TimingCheck(points = 1, onStub = OnStub.PASSES)
        void a_hung_flights_api_fails_the_page_within_the_call_timeout() throws Exception {
            // GIVEN
            bench.backends.partners().on(Backend.FLIGHTS, Behaviour.hangs());
            dashboard = bench.open(bench.settings(SHORT_CALL_TIMEOUT, SHORT_CALL_TIMEOUT));
            Duration budget = SHORT_CALL_TIMEOUT.plus(Budgets.SLACK);

            // WHEN
            Throwable failure = failureOf(dashboard, 7, budget, "the page while the flights API hangs");

            // THEN
            assertBackendNamed(failure, Backend.FLIGHTS, "the flights API never answers");
        }
    }

    @Nested
    @Step(3)
    @DisplayName("when many profiles are queried")
    class WhenManyProfilesAreQueried {

        @TimingCheck(points = 2)
        void the_queries_of_ten_pages_run_side_by_side_on_the_blocking_work_executor() throws Exception {
            // GIVEN
            bench.backends.profiles().latency(Budgets.times(2, Budgets.LATENCY));

            // WHEN
            List<CompletableFuture<Dashboard>> pages = startPages(31, 10);
            within(Budgets.GUARD, "ten pages", () -> CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).get());

            // THEN
            CallProbe queries = bench.backends.profiles().probe();
            assertInFlightTogether(queries, 10, "A blocking query holds its thread: on one thread (the loop, or an executor of"
                    + " one thread) the ten profile queries wait in line; the blocking-work executor has a thread for each (lesson, step 3).");
            assertNeverMoreInFlightThan(queries, 10, "Ten pages need ten profile queries: query each profile once.");
            assertThat(queries.spans())
                    .withFailMessage("expected every query on a thread of the blocking-work executor (%s...), but they ran on %s (lesson, step 3)",
                            TaskBench.BLOCKING_WORK_THREAD, queries.spans().stream().map(CallProbe.Span::thread).distinct().toList())
                    .allMatch(span -> span.thread().contains(TaskBench.BLOCKING_WORK_THREAD));
        }
    }

    @Nested
    @Step(5)
    @DisplayName("when " + PAGES_AT_ONCE_AT_GRADING + " pages load at once")
    class WhenTwoHundredPagesLoadAtOnce {

        @TimingCheck(points = 3)
        void they_all_have_their_calls_out_together_on_a_handful_of_platform_threads() throws Exception {
            AsyncDashboardTest.assertManyPagesOnFewThreads(bench, PAGES_AT_ONCE_AT_GRADING);
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when the caller cancels a page")
    class WhenTheCallerCancels {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void the_other_pages_load_as_if_nothing_happened() throws Exception {
            // GIVEN
            bench.backends.partners().onAll(Behaviour.answersAfter(Budgets.LATENCY));
            List<CompletableFuture<Dashboard>> pages = startPages(51, 3);

            // WHEN
            pages.get(1).cancel(true);
            Timed<Void> rest = timedWithin(Budgets.GUARD, "the pages not cancelled", () -> {
                CompletableFuture.allOf(pages.get(0), pages.get(2)).get();
                return null;
            });

            // THEN
            assertThat(pages.get(0).resultNow()).as("the page of user 51").isEqualTo(TripData.dashboard(51));
            assertThat(pages.get(2).resultNow()).as("the page of user 53").isEqualTo(TripData.dashboard(53));
            assertThat(rest.took()).isNotNull();
        }
    }
}
