package workshop.server;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.kit.WorkshopAssertions.timedWithin;

import java.time.Duration;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.ServerSettings;

@DisplayName("The dashboard server shuts down without losing a request (hidden checks)")
class DashboardServerShutdownHiddenTest extends ServerHiddenFixture {

    /** Closes {@code server}, failing when it takes longer than its grace plus slack; {@code inFlight} says what was in flight. */
    static void closeWithinGrace(DashboardServer server, ServerSettings settings, String inFlight) throws Exception {
        Duration budget = settings.grace().plus(Budgets.SLACK);
        try {
            timedWithin(budget, "close() with " + inFlight, () -> {
                server.close();
                return null;
            });
        } catch (AssertionError late) {
            throw reworded(late, "expected close() to return within its grace of " + Budgets.describe(settings.grace())
                    + " (+" + Budgets.describe(Budgets.SLACK) + " slack) with " + inFlight + ", but it was still running"
                    + " then. Once the grace is over, the requests still in flight are stopped, whatever they wait for"
                    + " (lesson, step 5).");
        }
    }

    @Nested
    @Step(5)
    @DisplayName("when it is closed while requests wait for a hotels API that never answers")
    class WhenClosedWhileAPartnerHangs {

        @TimingCheck(points = 3)
        void close_returns_within_its_grace_and_every_request_still_gets_an_answer() throws Exception {
            // GIVEN a hotels API that never answers, calls and deadlines far longer than the grace, and three
            // requests waiting for it
            backends.partners().on(Backend.HOTELS, Behaviour.hangs());
            CallProbe hotels = backends.partners().probe(Backend.HOTELS);
            Duration longCalls = Budgets.CALL_TIMEOUT.plus(Budgets.times(3, Budgets.SLACK));
            ServerSettings settings = settings(longCalls).withDeadline(longCalls).withGrace(Budgets.CALL_TIMEOUT);
            DashboardServer server = start(settings);
            Future<LoadReport> load = loadBeside(server, 3, longCalls.plus(Budgets.SLACK));
            awaitThat("three requests waiting for the hotels API", Budgets.times(2, Budgets.SLACK), () -> hotels.inFlight() == 3,
                    () -> "expected 3 requests waiting for the hotels API at once before close(), but "
                            + (hotels.inFlight() == 1 ? "1 was" : hotels.inFlight() + " were") + " (lesson, steps 1 and 2).");

            // WHEN
            closeWithinGrace(server, settings, "3 requests waiting for a hotels API that never answers");

            // THEN every request got one answer, 503 with Retry-After, and nothing is left
            LoadReport report = reportOf(load, Budgets.SLACK);
            assertThat(report.answered())
                    .withFailMessage(() -> "expected each of the 3 requests still in flight at the end of the grace to get an"
                            + " answer, but: " + report.summary() + ". A request stopped at shutdown is answered 503, so that"
                            + " its client knows to come back (lesson, step 5).")
                    .isEqualTo(3);
            assertThat(report.answered(DashboardPage.SHED) - report.unpaced())
                    .withFailMessage(() -> "expected the 3 requests stopped at shutdown answered 503 with Retry-After, but: "
                            + report.summary() + " (lesson, step 5).")
                    .isEqualTo(3);
            awaitEveryConnectionBack(Budgets.SLACK, "after close()", 5);
        }
    }

    @Nested
    @Step(5)
    @DisplayName("when it is closed while requests are served")
    class WhenClosedWhileRequestsAreServed {

        @CorrectnessCheck(points = 3)
        void every_request_in_flight_finishes_with_200_and_later_ones_are_refused() throws Exception {
            // GIVEN partner calls of a latency each (about three latencies a request), a grace of two call
            // timeouts, and eight requests in flight, past the database, in their flights call
            backends.partners().onAll(Behaviour.answersAfter(Budgets.LATENCY));
            CallProbe flights = backends.partners().probe(Backend.FLIGHTS);
            ServerSettings settings = settings();
            DashboardServer server = start(settings);
            Future<LoadReport> load = loadBeside(server, 8, Budgets.GUARD);
            awaitThat("eight requests in their flights call", Budgets.times(2, Budgets.SLACK), () -> flights.calls() == 8,
                    () -> "expected 8 requests in flight at once, each past its profile query, before close(), but "
                            + flights.calls() + " had called the flights API (lesson, steps 1 and 2).");

            // WHEN
            closeWithinGrace(server, settings, "8 requests in flight that need about "
                    + Budgets.describe(Budgets.times(3, Budgets.LATENCY)) + " more");
            Answer later = get(server, 7, Budgets.SLACK);

            // THEN
            LoadReport report = reportOf(load, Budgets.SLACK);
            assertThat(report.answered(DashboardPage.OK))
                    .withFailMessage(() -> "expected the 8 requests in flight when close() began to finish with 200 within"
                            + " the grace of " + Budgets.describe(settings.grace()) + ", but: " + report.summary()
                            + ". A shutdown lets the requests in flight finish (lesson, step 5).")
                    .isEqualTo(8);
            assertThat(later.refused() || later.status() == DashboardPage.SHED && later.retryAfter().isPresent())
                    .withFailMessage(() -> "expected a request after close() refused (connection refused, or 503 with"
                            + " Retry-After), but it got " + later + " (lesson, step 5).")
                    .isTrue();
            awaitEveryConnectionBack(Budgets.SLACK, "after close()", 5);
        }
    }
}
