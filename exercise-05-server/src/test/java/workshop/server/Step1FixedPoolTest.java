package workshop.server;

import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.TripData;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Backend;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.Handlers;

@Step(1)
@DisplayName("Step 1: a thread per request, from a fixed pool")
class Step1FixedPoolTest extends ServerFixture {

    /** The pool's threads: the requests the server may work on at once. */
    static final int THREADS = 4;

    @Nested
    @DisplayName("when travellers ask one after another")
    class WhenTravellersAskOneAfterAnother {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void each_gets_their_own_page_an_unknown_user_404_and_a_path_without_a_user_400() throws Exception {
            // GIVEN
            DashboardServer server = start(settings().withHandlers(Handlers.fixedPool(THREADS)));

            // WHEN
            List<Integer> users = List.of(1, 7, 42);
            List<Answer> pages = new ArrayList<>();
            for (int user : users) {
                pages.add(get(server, user, Budgets.GUARD));
            }
            Answer unknown = get(server, TripData.USERS + 1, Budgets.GUARD);
            Answer noUser = get(server, DashboardPage.PATH.substring(1) + "seven", Budgets.GUARD);

            // THEN
            for (int i = 0; i < users.size(); i++) {
                int user = users.get(i);
                Answer page = pages.get(i);
                assertThat(page.status()).withFailMessage("expected user %d's page with status 200, got %s: %s (lesson, step 1)",
                        user, page.describe(), page.body()).isEqualTo(DashboardPage.OK);
                assertThat(page.body()).withFailMessage("expected user %d's page:%n%s%nbut got:%n%s%nThe page is DashboardPage.render"
                        + " of the user's dashboard (lesson, step 1)", user, pageOf(user), page.body()).isEqualTo(pageOf(user));
            }
            assertThat(unknown.status()).withFailMessage("expected 404 for user %d, who has no profile, got %s (lesson, step 1)",
                    TripData.USERS + 1, unknown.describe()).isEqualTo(DashboardPage.NOT_FOUND);
            assertThat(noUser.status()).withFailMessage("expected 400 for %sseven, which names no user, got %s (lesson, step 1)",
                    DashboardPage.PATH, noUser.describe()).isEqualTo(DashboardPage.BAD_REQUEST);
        }
    }

    @Nested
    @DisplayName("when twelve travellers ask at once, with a fixed pool of 4")
    class WhenTwelveAskAtOnce {

        static final int CLIENTS = 12;

        @CorrectnessCheck(points = 3)
        void four_requests_are_at_the_flights_API_at_once_and_never_more() throws Exception {
            // GIVEN the flights API answers no call before 4 wait together
            Rendezvous four = Rendezvous.of(THREADS);
            backends.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(four));
            DashboardServer server = start(settings(PATIENT).withHandlers(Handlers.fixedPool(THREADS)));

            // WHEN
            LoadReport report = loadMeeting(four, server, CLIENTS, PATIENT, () -> String.format(Locale.ROOT,
                    "expected %d requests at the flights API at once with a fixed pool of %d, saw at most %d: %d requests came at"
                    + " once, and %s %s.", THREADS, THREADS, four.mostTogether(), CLIENTS, four.mostTogether() <= 1
                            ? "the flights API saw them one after another" : "no more than that reached the flights API together",
                    lesson(1)));

            // THEN
            assertNeverMoreInFlightThan(backends.partners().probe(Backend.FLIGHTS), THREADS, "A fixed pool of " + THREADS
                    + " works on " + THREADS + " requests at once; the others wait for a thread of the pool " + lesson(1) + ".");
            assertThat(report.answered(DashboardPage.OK)).withFailMessage("expected all %d requests answered 200, saw %s %s",
                    CLIENTS, report.summary(), lesson(1)).isEqualTo(CLIENTS);
        }
    }
}
