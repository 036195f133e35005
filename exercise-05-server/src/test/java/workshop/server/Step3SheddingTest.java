package workshop.server;

import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.ServerSettings;

@Step(3)
@DisplayName("Step 3: scarce resources, bounded; load shed")
class Step3SheddingTest extends ServerFixture {

    @Nested
    @DisplayName("when 60 travellers ask at once and the database's 4 connections take 200 ms a query")
    class WhenTheDatabaseCannotServeEveryoneInTime {

        /** Travellers at once: in one deadline the 4 connections serve about a third of them. */
        static final int CLIENTS = 60;

        /** A request's whole time. */
        static final Duration DEADLINE = Budgets.CALL_TIMEOUT;

        /** What an answer may take beyond the deadline: writing it, scheduling. */
        static final Duration LATE = DEADLINE.plus(Budgets.SLACK);

        /** How long the clients wait: well past {@link #LATE}, so that a late answer is seen late, not missing. */
        static final Duration CLIENT_WAIT = LATE.plus(Budgets.SLACK);

        /** What a request may be answered: its page, shed before its turn (503), or its deadline passed after its turn (504). */
        static final Set<Integer> FAIR_ANSWERS = Set.of(DashboardPage.OK, DashboardPage.SHED, DashboardPage.GATEWAY_TIMEOUT);

        LoadReport overload() throws Exception {
            backends.profiles().latency(Budgets.LATENCY);
            DashboardServer server = start(settings().withDeadline(DEADLINE));
            return load(server, CLIENTS, CLIENT_WAIT);
        }

        @CorrectnessCheck(points = 4)
        void each_is_answered_a_page_or_503_with_Retry_After_and_no_connection_is_left_in_use() throws Exception {
            // GIVEN, WHEN
            LoadReport report = overload();

            // THEN
            CallProbe queries = backends.profiles().probe();
            assertThat(report.unansweredCount()).withFailMessage("expected every one of %d requests answered within %s (the deadline is %s),"
                    + " but %d got no answer: %s %s", CLIENTS, Budgets.describe(CLIENT_WAIT), Budgets.describe(DEADLINE),
                    report.unansweredCount(), report.summary(), lesson(3)).isZero();
            Map<Integer, Integer> unfair = new TreeMap<>(report.byStatus());
            unfair.keySet().removeAll(FAIR_ANSWERS);
            assertThat(unfair).withFailMessage("expected each request answered 200 (its page), 503 (no turn at the database before"
                    + " its deadline) or 504 (its deadline passed after its turn), but saw %s: %s %s", unfair, report.summary(), lesson(3))
                    .isEmpty();
            assertThat(report.answered(DashboardPage.SHED)).withFailMessage("expected some of the %d requests refused with 503: the"
                    + " database's %d connections, %s a query, cannot serve them all within the deadline of %s, but none was: %s %s",
                    CLIENTS, ServerSettings.DATABASE_CONNECTIONS, Budgets.describe(Budgets.LATENCY), Budgets.describe(DEADLINE),
                    report.summary(), lesson(3)).isPositive();
            assertThat(report.unpaced()).withFailMessage("expected every 503 to say when to come back (a Retry-After header of %d"
                    + " second), but %d of %d did not: %s %s", DashboardPage.RETRY_AFTER_SECONDS, report.unpaced(),
                    report.answered(DashboardPage.SHED), report.summary(), lesson(3)).isZero();
            assertThat(report.answered(DashboardPage.OK)).withFailMessage("expected some of the %d requests served (200), the first"
                    + " ones at least, but none was: %s %s", CLIENTS, report.summary(), lesson(3)).isPositive();
            assertThat(queries.maxInFlight()).withFailMessage("expected the database's %d connections all in use at once, saw at most"
                    + " %d queries at once %s", ServerSettings.DATABASE_CONNECTIONS, queries.maxInFlight(), lesson(3))
                    .isEqualTo(ServerSettings.DATABASE_CONNECTIONS);
            awaitThat("every connection back in the pool", Budgets.LATENCY.plus(Budgets.SLACK), () -> pool.inUse() == 0,
                    () -> String.format(Locale.ROOT, "expected every connection back in the pool once every request was answered"
                    + " (and its last query done), but %s later %d of %d were still in use %s",
                    Budgets.describe(Budgets.LATENCY.plus(Budgets.SLACK)), pool.inUse(), pool.size(), lesson(3)));
        }

        @TimingCheck(points = 2)
        void each_is_answered_by_its_deadline() throws Exception {
            // GIVEN, WHEN
            LoadReport report = overload();

            // THEN
            Duration slowest = report.latencies().isEmpty() ? Duration.ZERO : report.latencies().getLast();
            long late = report.latencies().stream().filter(latency -> latency.compareTo(LATE) > 0).count();
            assertThat(late + report.unansweredCount()).withFailMessage("expected every one of %d requests answered by its deadline of"
                    + " %s (plus %s), but %d were answered later (the slowest after %s) and %d not within %s: %s %s", CLIENTS,
                    Budgets.describe(DEADLINE), Budgets.describe(Budgets.SLACK), late, Budgets.describe(slowest),
                    report.unansweredCount(), Budgets.describe(CLIENT_WAIT), report.summary(), lesson(3)).isZero();
        }
    }

    @Nested
    @DisplayName("when the partner APIs accept 5 calls at once")
    class WhenThePartnersAcceptFiveCallsAtOnce {

        static final int PARTNER_LIMIT = 5;
        static final int CLIENTS = 30;

        @CorrectnessCheck(points = 3)
        void five_partner_calls_are_in_flight_at_once_and_never_more() throws Exception {
            // GIVEN no partner call is answered before 5 wait together
            Rendezvous five = Rendezvous.of(PARTNER_LIMIT);
            backends.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(five));
            DashboardServer server = start(settings(PATIENT).withPartnerLimit(PARTNER_LIMIT));

            // WHEN
            LoadReport report = loadMeeting(five, server, CLIENTS, PATIENT, () -> String.format(Locale.ROOT,
                    "expected %d partner calls in flight at once (the partners' limit) while %d requests came at once, saw at most %d"
                    + " %s.", PARTNER_LIMIT, CLIENTS, five.mostTogether(), lesson(3)));

            // THEN
            assertNeverMoreInFlightThan(backends.partners().probe(), PARTNER_LIMIT, "The partners accept " + PARTNER_LIMIT
                    + " calls at once, all requests together; a request that would make one more waits for its turn " + lesson(3) + ".");
            assertThat(report.answered(DashboardPage.OK)).withFailMessage("expected all %d requests answered 200, saw %s %s",
                    CLIENTS, report.summary(), lesson(3)).isEqualTo(CLIENTS);
        }
    }
}
