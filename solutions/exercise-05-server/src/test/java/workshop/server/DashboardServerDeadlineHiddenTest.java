package workshop.server;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.TripData;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;
import workshop.trip.Dashboard;
import workshop.trip.server.DashboardPage;
import workshop.trip.tasks.WeatherFallback;

@DisplayName("The dashboard server keeps every request's deadline (hidden checks)")
class DashboardServerDeadlineHiddenTest extends ServerHiddenFixture {

    /** Every single call may take this long: far longer than a request's deadline. */
    static final Duration LONG_CALLS = Budgets.times(4, Budgets.CALL_TIMEOUT);

    /** A request's deadline, a quarter of what one call may take. */
    static final Duration DEADLINE = Budgets.CALL_TIMEOUT;

    /** Clients at once: fewer than the database's connections, so that none waits for one. */
    static final int CLIENTS = 3;

    /** Asserts every request of {@code report} answered 504 by {@code deadline} plus slack; {@code what} says what hung. */
    static void assertAnswered504ByTheDeadline(LoadReport report, int clients, Duration deadline, String what) {
        assertThat(report.answered(DashboardPage.GATEWAY_TIMEOUT))
                .withFailMessage(() -> "expected all " + clients + " requests answered 504 by their deadline of "
                        + Budgets.describe(deadline) + " while " + what + ", though each call may take "
                        + Budgets.describe(LONG_CALLS) + ", but: " + report.summary() + ". The time a request has left"
                        + " bounds every call it makes (lesson, step 4).")
                .isEqualTo(clients);
        assertThat(slowest(report))
                .withFailMessage(() -> "expected every request answered by its deadline of " + Budgets.describe(deadline)
                        + " (+" + Budgets.describe(Budgets.SLACK) + " slack) while " + what + ", but the slowest took "
                        + Budgets.describe(slowest(report)) + ": " + report.summary() + " (lesson, step 4).")
                .isLessThanOrEqualTo(deadline.plus(Budgets.SLACK));
    }

    @Nested
    @Step(4)
    @DisplayName("when the database never answers")
    class WhenTheDatabaseHangs {

        @TimingCheck(points = 2)
        void every_request_is_answered_504_by_its_deadline_and_every_connection_comes_back() throws Exception {
            // GIVEN
            backends.profiles().hanging();
            DashboardServer server = start(settings(LONG_CALLS).withDeadline(DEADLINE));

            // WHEN
            LoadReport report = load(server, CLIENTS, DEADLINE.plus(Budgets.times(2, Budgets.SLACK)));

            // THEN
            assertAnswered504ByTheDeadline(report, CLIENTS, DEADLINE, "the database never answered");
            awaitEveryConnectionBack(queryOutlives(DEADLINE), "after the answers (a query the database never answers"
                    + " ends at its query timeout, counted in whole seconds)", 4);
        }
    }

    @Nested
    @Step(4)
    @DisplayName("when the hotels API is slow")
    class WhenTheHotelsApiIsSlow {

        @TimingCheck(points = 2)
        void every_request_is_answered_504_by_its_deadline() throws Exception {
            // GIVEN a hotels API that answers only after two whole call timeouts
            backends.partners().on(Backend.HOTELS, Behaviour.answersAfter(LONG_CALLS.multipliedBy(2)));
            DashboardServer server = start(settings(LONG_CALLS).withDeadline(DEADLINE));

            // WHEN
            LoadReport report = load(server, CLIENTS, DEADLINE.plus(Budgets.times(2, Budgets.SLACK)));

            // THEN
            assertAnswered504ByTheDeadline(report, CLIENTS, DEADLINE, "the hotels API was slow");
        }

        @TimingCheck(points = 2)
        void the_deadline_comes_from_the_settings_and_a_shorter_one_gives_up_sooner() throws Exception {
            // GIVEN a hotels API that never answers, and two servers: one with a short deadline, one with a
            // long one (a short one plus two slacks)
            backends.partners().on(Backend.HOTELS, Behaviour.hangs());
            Duration shortDeadline = Budgets.scaled(500);
            Duration longDeadline = shortDeadline.plus(Budgets.times(2, Budgets.SLACK));
            DashboardServer quick = start(settings(LONG_CALLS).withDeadline(shortDeadline));
            DashboardServer patient = start(settings(LONG_CALLS).withDeadline(longDeadline));

            // WHEN
            LoadReport quickReport = load(quick, CLIENTS, shortDeadline.plus(Budgets.times(2, Budgets.SLACK)));
            LoadReport patientReport = load(patient, CLIENTS, longDeadline.plus(Budgets.times(2, Budgets.SLACK)));

            // THEN each answered 504 within its own deadline plus slack, and not before it
            assertAnswered504ByTheDeadline(quickReport, CLIENTS, shortDeadline, "the hotels API never answered");
            assertAnswered504ByTheDeadline(patientReport, CLIENTS, longDeadline, "the hotels API never answered");
            assertThat(fastest(patientReport))
                    .withFailMessage(() -> "expected a server whose deadline is " + Budgets.describe(longDeadline)
                            + " to keep waiting for the hotels API until then, but one request was answered after "
                            + Budgets.describe(fastest(patientReport)) + ": " + patientReport.summary() + ". The deadline"
                            + " comes from the settings, not from a number of your own (lesson, step 4).")
                    .isGreaterThanOrEqualTo(longDeadline);
        }
    }

    @Nested
    @Step(4)
    @DisplayName("when the weather API fails or never answers")
    class WhenTheWeatherApiFailsOrHangs {

        /** A deadline that a busy machine keeps with room to spare: this check is about the fallback, not the clock. */
        static final Duration DEADLINE = Budgets.times(3, Budgets.CALL_TIMEOUT);

        /** Calls that outlast the deadline by far, so that only the deadline can end a hung weather call in time. */
        static final Duration LONG_CALLS = Budgets.times(8, Budgets.CALL_TIMEOUT);

        @CorrectnessCheck(points = 2)
        void the_page_comes_with_the_weather_fallback_by_the_deadline() throws Exception {
            // GIVEN
            DashboardServer server = start(settings(LONG_CALLS).withDeadline(DEADLINE));
            Dashboard expected = TripData.dashboard(7);
            Dashboard withFallback = new Dashboard(expected.profile(), expected.flights(), expected.hotels(), WeatherFallback.TEXT);
            Duration budget = DEADLINE.plus(Budgets.SLACK);

            // WHEN the weather API fails, then never answers
            backends.partners().on(Backend.WEATHER, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));
            Answer failed = get(server, 7, budget.plus(Budgets.SLACK));
            backends.partners().on(Backend.WEATHER, Behaviour.hangs());
            Answer hung = get(server, 7, budget.plus(Budgets.SLACK));

            // THEN
            assertThat(failed.status())
                    .withFailMessage(() -> "expected the page of user 7 answered 200 with the weather fallback when the"
                            + " weather API fails, but the request got " + failed + ". The weather is optional (lesson, step 4).")
                    .isEqualTo(DashboardPage.OK);
            assertThat(DashboardPage.parse(failed.body())).as("the page of user 7 while the weather API fails").isEqualTo(withFallback);
            assertThat(hung.status())
                    .withFailMessage(() -> "expected the page of user 7 answered 200 with the weather fallback by its"
                            + " deadline of " + Budgets.describe(DEADLINE) + " when the weather API never answers, but the"
                            + " request got " + hung + ". A late forecast turns into the fallback (lesson, step 4).")
                    .isEqualTo(DashboardPage.OK);
            assertThat(DashboardPage.parse(hung.body())).as("the page of user 7 while the weather API never answers").isEqualTo(withFallback);
            assertThat(hung.took())
                    .withFailMessage(() -> "expected the page answered by its deadline of " + Budgets.describe(DEADLINE)
                            + " (+" + Budgets.describe(Budgets.SLACK) + " slack) when the weather API never answers, but it"
                            + " took " + Budgets.describe(hung.took()) + " (lesson, step 4).")
                    .isLessThanOrEqualTo(budget);
        }
    }
}
