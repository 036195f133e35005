package workshop.server;

import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.TripData;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Backend;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.Handlers;

@DisplayName("The dashboard server, its threads and its limits (hidden checks)")
class DashboardServerHiddenTest extends ServerHiddenFixture {

    /** How long a rendezvous of these checks waits for its requests. */
    static final Duration RENDEZVOUS = Budgets.times(2, Budgets.SLACK);

    /**
     * Calls and deadlines that outlast {@link #RENDEZVOUS}: a call given up on before its rendezvous
     * gave up would stay counted there, and calls made one after another could meet.
     */
    static final Duration OUTLASTING = Budgets.times(4, Budgets.CALL_TIMEOUT);

    @Nested
    @Step(1)
    @DisplayName("on a fixed pool of three threads")
    class OnAFixedPoolOfThree {

        @TimingCheck(points = 2)
        void three_requests_are_served_at_once_and_never_more() throws Exception {
            // GIVEN a pool of three threads, and flights calls that answer only once three wait together,
            // then after a latency, long beside the other calls; calls and deadlines outlast the rendezvous'
            // wait, so that no call given up on stays waiting there
            Rendezvous three = Rendezvous.of(3, RENDEZVOUS);
            backends.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.LATENCY).meetingAt(three));
            CallProbe flights = backends.partners().probe(Backend.FLIGHTS);
            DashboardServer server = start(settings(OUTLASTING).withDeadline(OUTLASTING).withHandlers(Handlers.fixedPool(3)));

            // WHEN nine clients ask at once (three waves of three, about a second)
            LoadReport report = load(server, 9, Budgets.times(4, Budgets.SLACK));

            // THEN
            assertThat(three.isOpen())
                    .withFailMessage(() -> "expected 3 requests in flight at once on a pool of 3 threads, but at most "
                            + three.mostTogether() + " of their flights calls waited together: the server handled one"
                            + " request at a time (lesson, step 1). The clients saw: " + report.summary())
                    .isTrue();
            assertNeverMoreInFlightThan(flights, 3, "A pool of 3 threads handles at most 3 requests at once, whatever"
                    + " else the server has; the others wait their turn (lesson, step 1). The clients saw: " + report.summary());
            assertThat(report.answered(DashboardPage.OK))
                    .withFailMessage(() -> "expected all 9 requests answered 200, but: " + report.summary() + " (lesson, step 1).")
                    .isEqualTo(9);
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void a_path_without_a_user_is_answered_400_and_an_unknown_user_404() throws Exception {
            // GIVEN
            DashboardServer server = start(settings().withHandlers(Handlers.fixedPool(3)));
            List<String> noUser = List.of("", "abc", "0", "-3", "7x", "12345678901");
            int unknown = TripData.USERS + 1;

            // WHEN
            Map<String, Answer> answers = new LinkedHashMap<>();
            for (String path : noUser) {
                answers.put(path, get(server, DashboardPage.PATH.substring(1) + path, Budgets.GUARD));
            }
            Answer missing = get(server, unknown, Budgets.GUARD);
            Answer known = get(server, 7, Budgets.GUARD);

            // THEN
            answers.forEach((path, answer) -> assertThat(answer.status())
                    .withFailMessage(() -> "expected " + DashboardPage.PATH + path + " answered 400 (it names no user), but"
                            + " it got " + answer + ". A user is a positive number (lesson, step 1).")
                    .isEqualTo(DashboardPage.BAD_REQUEST));
            assertThat(missing.status())
                    .withFailMessage(() -> "expected user " + unknown + ", who has no profile, answered 404, but the request"
                            + " got " + missing + " (lesson, step 1).")
                    .isEqualTo(DashboardPage.NOT_FOUND);
            assertThat(known.status())
                    .withFailMessage(() -> "expected user 7 answered 200 after the bad requests, but the request got " + known
                            + " (lesson, step 1).")
                    .isEqualTo(DashboardPage.OK);
            assertThat(DashboardPage.parse(known.body())).as("the page of user 7").isEqualTo(TripData.dashboard(7));
            awaitEveryConnectionBack(Budgets.SLACK, "after the answers", 1);
        }
    }

    @Nested
    @Step(3)
    @DisplayName("with three database connections allowed")
    class WithThreeConnectionsAllowed {

        @TimingCheck(points = 2)
        void three_queries_run_at_once_and_never_more() throws Exception {
            // GIVEN settings that allow three connections (over a pool that has four), queries that take a
            // latency, and deadlines long enough for every request to get its turn
            backends.profiles().latency(Budgets.LATENCY);
            CallProbe queries = backends.profiles().probe();
            DashboardServer server = start(settings().withDatabaseConnections(3).withDeadline(Budgets.times(4, Budgets.CALL_TIMEOUT)));

            // WHEN twelve clients ask at once (four turns of three queries, about a second)
            LoadReport report = load(server, 12, Budgets.times(5, Budgets.CALL_TIMEOUT));

            // THEN
            assertNeverMoreInFlightThan(queries, 3, "The settings allow 3 database connections: more queries at once"
                    + " only wait for a connection, or outrun what the settings promise the database (lesson, step 3).");
            assertThat(queries.maxInFlight())
                    .withFailMessage(() -> "expected 3 profile queries in flight at once with 3 connections allowed and 12"
                            + " requests waiting, but at most " + queries.maxInFlight() + " ran together (lesson, step 3)."
                            + " The clients saw: " + report.summary())
                    .isEqualTo(3);
            assertThat(report.answered(DashboardPage.OK))
                    .withFailMessage(() -> "expected all 12 requests answered 200 within their deadline of "
                            + Budgets.describe(Budgets.times(4, Budgets.CALL_TIMEOUT)) + ", but: " + report.summary()
                            + " (lesson, step 3).")
                    .isEqualTo(12);
        }
    }

    @Nested
    @Step(3)
    @DisplayName("when the database never answers and more requests come than there are connections")
    class WhenMoreRequestsComeThanConnections {

        @TimingCheck(points = 3)
        void those_that_cannot_get_a_connection_by_their_deadline_are_shed_with_503_and_Retry_After() throws Exception {
            // GIVEN a database that never answers, four connections, and a deadline shorter than any query
            // timeout (JDBC counts those in whole seconds), so no connection comes free before it
            backends.profiles().hanging();
            Duration deadline = Budgets.scaled(500);
            int clients = 20;
            int connections = pool.size();
            DashboardServer server = start(settings().withDeadline(deadline));

            // WHEN twenty clients ask at once
            LoadReport report = load(server, clients, deadline.plus(Budgets.times(3, Budgets.SLACK)));

            // THEN at most a turn or two of requests got a connection; the others were shed by their deadline
            int atLeastShed = clients - 2 * connections;
            assertThat(report.answered(DashboardPage.SHED))
                    .withFailMessage(() -> "expected at least " + atLeastShed + " of " + clients + " requests answered 503,"
                            + " as no connection of " + connections + " came free before their deadline of "
                            + Budgets.describe(deadline) + ", but: " + report.summary() + ". A request that cannot get its turn"
                            + " before its deadline is shed, not kept waiting in a queue (lesson, step 3).")
                    .isGreaterThanOrEqualTo(atLeastShed);
            assertThat(report.unpaced())
                    .withFailMessage(() -> "expected every 503 answer to say when to come back (Retry-After), but "
                            + report.unpaced() + " did not: " + report.summary() + " (lesson, step 3).")
                    .isZero();
            assertThat(report.answered(DashboardPage.SHED) + report.answered(DashboardPage.GATEWAY_TIMEOUT))
                    .withFailMessage(() -> "expected every request answered 503 or 504, as the database never answers, but: "
                            + report.summary() + " (lesson, steps 3 and 4).")
                    .isEqualTo(clients);
            Duration budget = deadline.plus(Budgets.SLACK);
            assertThat(slowest(report))
                    .withFailMessage(() -> "expected every request answered by its deadline of " + Budgets.describe(deadline)
                            + " (+" + Budgets.describe(Budgets.SLACK) + " slack), but the slowest took "
                            + Budgets.describe(slowest(report)) + ": " + report.summary() + ". No wait may outlast the"
                            + " request's deadline (lesson, step 3).")
                    .isLessThanOrEqualTo(budget);
            awaitEveryConnectionBack(queryOutlives(deadline), "after the answers (a query the database never answers"
                    + " ends at its query timeout)", 3);
        }
    }

    @Nested
    @Step(3)
    @DisplayName("with a partner limit of five")
    class WithAPartnerLimitOfFive {

        @TimingCheck(points = 2)
        void five_partner_calls_run_at_once_and_never_more() throws Exception {
            // GIVEN partner calls that answer only once five wait together, all APIs counted alike; calls
            // and deadlines outlast the rendezvous' wait, so that no call given up on stays waiting there
            Rendezvous five = Rendezvous.of(5, RENDEZVOUS);
            backends.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(five));
            CallProbe partners = backends.partners().probe();
            Duration deadline = OUTLASTING;
            DashboardServer server = start(settings(OUTLASTING).withPartnerLimit(5).withDeadline(deadline));

            // WHEN twenty clients ask at once (sixty partner calls, five at a time)
            LoadReport report = load(server, 20, deadline.plus(Budgets.SLACK));

            // THEN
            assertThat(five.isOpen())
                    .withFailMessage(() -> "expected 5 partner calls in flight at once with a partner limit of 5 and 20"
                            + " requests, but at most " + five.mostTogether() + " waited together (lesson, step 3). The"
                            + " clients saw: " + report.summary())
                    .isTrue();
            assertNeverMoreInFlightThan(partners, 5, "The partners accept at most 5 calls in flight at once, all"
                    + " requests together (lesson, step 3).");
            assertThat(report.answered(DashboardPage.OK))
                    .withFailMessage(() -> "expected all 20 requests answered 200 within their deadline of "
                            + Budgets.describe(deadline) + ", but: " + report.summary() + " (lesson, step 3).")
                    .isEqualTo(20);
        }
    }

    @Nested
    @Step(3)
    @DisplayName("when the database and then the hotels API fail for a while")
    class WhenBackendsFailForAWhile {

        @CorrectnessCheck(points = 2, onStub = OnStub.PASSES)
        void no_connection_or_permit_is_lost_and_every_request_is_served_again_once_they_recover() throws Exception {
            // GIVEN four connections, a partner limit of three, and deadlines long enough for every request
            Duration deadline = Budgets.times(4, Budgets.CALL_TIMEOUT);
            int clients = 12;
            DashboardServer server = start(settings().withPartnerLimit(3).withDeadline(deadline));
            Duration requestTimeout = deadline.plus(Budgets.SLACK);

            // WHEN the database fails, then the hotels API fails, then both recover
            backends.profiles().failing();
            LoadReport databaseDown = load(server, clients, requestTimeout);
            backends.profiles().latency(Budgets.SHORT_LATENCY);
            backends.partners().on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));
            LoadReport hotelsDown = load(server, clients, requestTimeout);
            backends.partners().on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SHORT_LATENCY));
            LoadReport recovered = load(server, clients, requestTimeout);

            // THEN
            assertThat(databaseDown.answered(DashboardPage.BAD_GATEWAY))
                    .withFailMessage(() -> "expected all " + clients + " requests answered 502 while the database failed,"
                            + " but: " + databaseDown.summary() + " (lesson, step 3).")
                    .isEqualTo(clients);
            assertThat(hotelsDown.answered(DashboardPage.BAD_GATEWAY))
                    .withFailMessage(() -> "expected all " + clients + " requests answered 502 while the hotels API failed"
                            + " (after " + clients + " failed database queries), but: " + hotelsDown.summary() + ". With a"
                            + " partner limit of 3 and the database's 4 connections, a failed request must give back what it"
                            + " took (lesson, step 3).")
                    .isEqualTo(clients);
            assertThat(recovered.answered(DashboardPage.OK))
                    .withFailMessage(() -> "expected all " + clients + " requests answered 200 once the database and the"
                            + " hotels API answered again, but: " + recovered.summary() + ". Before, " + clients
                            + " requests failed at the database and " + clients + " at the hotels API: a failed request must"
                            + " give back every connection and every partner permit it took (lesson, step 3).")
                    .isEqualTo(clients);
            awaitEveryConnectionBack(Budgets.SLACK, "after the answers", 3);
        }
    }
}
