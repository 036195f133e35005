package workshop.server;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Backend;
import workshop.trip.server.DashboardPage;

@Step(6)
@DisplayName("Step 6: pinning, and the driver on platform threads")
class Step6PinningTest extends ServerFixture {

    /** Travellers at once, on virtual threads. */
    static final int CLIENTS = 50;

    @Nested
    @DisplayName("when 50 travellers ask at once on virtual threads")
    class When50AskAtOnce {

        @CorrectnessCheck(points = 3)
        void no_profile_query_runs_on_a_virtual_thread_and_all_are_at_the_flights_API_at_once() throws Exception {
            // GIVEN the flights API answers no call before all of them wait together
            Rendezvous everyone = Rendezvous.of(CLIENTS);
            backends.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(everyone));
            DashboardServer server = start(settings(PATIENT).withPartnerLimit(CLIENTS));

            // WHEN
            LoadReport report = loadMeeting(everyone, server, CLIENTS, PATIENT, () -> String.format(Locale.ROOT,
                    "expected %d requests at the flights API at once on virtual threads, saw at most %d: the queries may move, the"
                    + " server still holds every request at once (lesson, steps 2 and 6).", CLIENTS,
                    everyone.mostTogether()));

            // THEN
            CallProbe queries = backends.profiles().probe();
            assertThat(report.answered(DashboardPage.OK)).withFailMessage("expected all %d requests answered 200, saw %s %s",
                    CLIENTS, report.summary(), lesson(6)).isEqualTo(CLIENTS);
            long virtual = onVirtualThreads(queries);
            assertThat(virtual).withFailMessage("expected no profile query on a virtual thread, but %d of %d ran on one (for example"
                    + " %s): the driver waits while it holds a monitor %s", virtual, queries.spans().size(),
                    queries.spans().stream().filter(span -> span.thread().startsWith("VirtualThread")).map(CallProbe.Span::thread)
                            .findFirst().orElse(""), lesson(6)).isZero();
            assertThat(queries.spans()).withFailMessage("expected %d profile queries, one per request, saw %d %s", CLIENTS,
                    queries.spans().size(), lesson(6)).hasSize(CLIENTS);
        }
    }
}
