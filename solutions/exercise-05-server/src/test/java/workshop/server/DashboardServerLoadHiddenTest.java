package workshop.server;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Backend;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.Handlers;
import workshop.trip.server.ServerSettings;

@DisplayName("The dashboard server under the load of many travellers (hidden checks)")
class DashboardServerLoadHiddenTest extends ServerHiddenFixture {

    /** The clients of the thousand-client checks. */
    static final int THOUSAND = 1_000;

    /**
     * How many times one request's time alone the slowest of a thousand at once may take (p99). On
     * virtual threads they all wait together: one request's time plus the machine's work for a
     * thousand, up to about nine times one on two cores busy with other work. On a pool of 8 threads
     * they wait in 125 turns, at least 125 times one.
     */
    static final int TIMES_ALONE = 20;

    /** How long the requests of a rendezvous of every client wait for the last of them. */
    static final Duration GATHERING = Budgets.RENDEZVOUS_WAIT.multipliedBy(2);

    /**
     * Settings for many requests at once: virtual-thread handlers, no partner limit below the load,
     * calls and deadlines long enough for a rendezvous of every request, and a short grace.
     */
    ServerSettings manyAtOnce(int clients) {
        Duration gatheringAndMore = GATHERING.plus(Budgets.SLACK);
        return settings(gatheringAndMore).withHandlers(Handlers.virtualThreads()).withPartnerLimit(clients)
                .withDeadline(gatheringAndMore.plus(Budgets.SLACK)).withGrace(Budgets.SLACK);
    }

    /**
     * Sends {@code clients} requests at once and waits until {@code rendezvous} opens; if it does not
     * within its wait, stops the partners and the server (so that no request keeps the check waiting)
     * and fails with {@code notTogether}'s message. Returns the clients' report.
     */
    LoadReport loadThrough(Rendezvous rendezvous, DashboardServer server, ServerSettings settings, int clients,
                           java.util.function.IntFunction<String> notTogether) throws Exception {
        Future<LoadReport> load = loadBeside(server, clients, settings.deadline().plus(Budgets.SLACK));
        Duration cap = GATHERING.plus(Budgets.SLACK);
        if (!reaches(rendezvous::mostTogether, rendezvous.parties(), cap)) {
            backends.partners().close();
            server.close();
            throw new AssertionError(notTogether.apply(rendezvous.mostTogether()) + " " + howTheCheckWaited(cap));
        }
        return reportOf(load, settings.deadline().plus(Budgets.times(2, Budgets.SLACK)));
    }

    @Nested
    @Step(2)
    @DisplayName("when a thousand clients ask at once")
    class WhenAThousandClientsAsk {

        @TimingCheck(points = 3)
        void all_thousand_are_in_flight_at_once_and_answered_200() throws Exception {
            // GIVEN flights calls that answer only once a thousand wait together, and a database without
            // latency (its four connections would otherwise make the requests wait their turns there)
            Rendezvous thousand = Rendezvous.of(THOUSAND, GATHERING);
            backends.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(thousand));
            backends.profiles().latency(Duration.ZERO);
            ServerSettings settings = manyAtOnce(THOUSAND);
            DashboardServer server = start(settings);

            // WHEN
            LoadReport report = loadThrough(thousand, server, settings, THOUSAND, together -> "expected 1,000 requests in"
                    + " flight at once, each waiting for its flights call, but at most " + together + " flights calls waited"
                    + " together. On virtual threads every request has a thread of"
                    + " its own; on a pool, the pool's size is the most that can wait at once (lesson, step 2).");

            // THEN
            assertThat(report.answered(DashboardPage.OK))
                    .withFailMessage(() -> "expected all 1,000 requests answered 200, but: " + report.summary()
                            + " (lesson, step 2).")
                    .isEqualTo(THOUSAND);
        }

        @TimingCheck(points = 3)
        void the_slowest_take_a_few_times_one_request_alone() throws Exception {
            // GIVEN partner calls of a latency each, a database without latency, and one request's time
            // alone, measured here (after one to warm up), the slower of two
            backends.partners().onAll(Behaviour.answersAfter(Budgets.LATENCY));
            backends.profiles().latency(Duration.ZERO);
            ServerSettings settings = manyAtOnce(THOUSAND);
            DashboardServer server = start(settings);
            load(server, 1, settings.deadline());
            Duration alone = List.of(load(server, 1, settings.deadline()), load(server, 1, settings.deadline())).stream()
                    .map(ServerHiddenFixture::slowest).max(Duration::compareTo).orElseThrow();
            Duration budget = alone.multipliedBy(TIMES_ALONE);

            // WHEN
            LoadReport report = load(server, THOUSAND, budget.plus(Budgets.SLACK));

            // THEN
            assertThat(report.answered(DashboardPage.OK))
                    .withFailMessage(() -> "expected all 1,000 requests answered 200, each within "
                            + Budgets.describe(budget.plus(Budgets.SLACK)) + " (one request alone took "
                            + Budgets.describe(alone) + "), but: " + report.summary() + " (lesson, step 2).")
                    .isEqualTo(THOUSAND);
            assertThat(report.percentile(99))
                    .withFailMessage(() -> "expected 99 % of 1,000 requests at once answered within " + TIMES_ALONE
                            + " times one request's time alone (" + Budgets.describe(alone) + ", so "
                            + Budgets.describe(budget) + "), but p99 was " + Budgets.describe(report.percentile(99)) + ": "
                            + report.summary() + ". Requests that wait for a thread take turns, and the last wait for every"
                            + " turn before theirs (lesson, step 2).")
                    .isLessThanOrEqualTo(budget);
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when a hundred and twenty clients ask at once")
    class WhenAHundredAndTwentyClientsAsk {

        static final int CLIENTS = 120;

        @TimingCheck(points = 2)
        void every_request_is_in_flight_at_once_and_no_profile_query_runs_on_a_virtual_thread() throws Exception {
            // GIVEN queries that wait a short latency while holding the driver's monitor, and flights calls
            // that answer only once every request waits for one
            Rendezvous all = Rendezvous.of(CLIENTS, GATHERING);
            backends.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(all));
            CallProbe queries = backends.profiles().probe();
            ServerSettings settings = manyAtOnce(CLIENTS);
            DashboardServer server = start(settings);

            // WHEN
            LoadReport report = loadThrough(all, server, settings, CLIENTS, together -> "expected " + CLIENTS + " requests"
                    + " in flight at once, each waiting for its flights call after its profile query, but at most " + together
                    + " waited together (lesson, steps 2 and 6).");

            // THEN
            List<CallProbe.Span> onVirtual = queries.spans().stream()
                    .filter(span -> span.thread().startsWith("VirtualThread")).toList();
            assertThat(onVirtual)
                    .withFailMessage(() -> "expected every profile query on a platform thread, but " + onVirtual.size()
                            + " of " + queries.spans().size() + " ran on virtual threads, for example "
                            + onVirtual.getFirst().thread() + ". The driver waits while it holds a monitor: on JDK 21 to 23"
                            + " that pins the virtual thread's carrier, and native frames pin on every JDK (lesson, step 6).")
                    .isEmpty();
            assertThat(report.answered(DashboardPage.OK))
                    .withFailMessage(() -> "expected all " + CLIENTS + " requests answered 200, but: " + report.summary()
                            + " (lesson, step 6).")
                    .isEqualTo(CLIENTS);
        }
    }
}
