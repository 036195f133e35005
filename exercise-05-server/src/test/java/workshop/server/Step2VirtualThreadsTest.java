package workshop.server;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Backend;
import workshop.kit.Budgets;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.Handlers;

@Step(2)
@DisplayName("Step 2: a virtual thread per request")
class Step2VirtualThreadsTest extends ServerFixture {

    /** Travellers at once: many more than a fixed pool holds (the lesson runs a thousand; fewer keep the check quick on a busy machine). */
    static final int CLIENTS = 200;

    @Nested
    @DisplayName("when 200 travellers ask at once")
    class When200AskAtOnce {

        @CorrectnessCheck(points = 4)
        void all_of_them_are_at_the_flights_API_at_once_and_each_gets_a_page() throws Exception {
            // GIVEN the flights API answers no call before all of them wait together, a database that keeps
            // no one waiting, and partners that take every call
            Rendezvous everyone = Rendezvous.of(CLIENTS);
            backends.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(everyone));
            backends.profiles().latency(Duration.ZERO);
            DashboardServer server = start(settings(PATIENT).withHandlers(Handlers.virtualThreads()).withPartnerLimit(CLIENTS));

            // WHEN
            LoadReport report = loadMeeting(everyone, server, CLIENTS, PATIENT, () -> String.format(Locale.ROOT,
                    "expected %,d requests at the flights API at once on virtual threads, saw at most %,d %s.",
                    CLIENTS, everyone.mostTogether(), lesson(2)));

            // THEN
            assertThat(report.answered(DashboardPage.OK)).withFailMessage("expected all %,d requests answered 200, saw %s %s",
                    CLIENTS, report.summary(), lesson(2)).isEqualTo(CLIENTS);
        }
    }
}
