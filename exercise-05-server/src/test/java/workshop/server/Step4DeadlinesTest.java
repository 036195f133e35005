package workshop.server;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;
import workshop.trip.server.DashboardPage;

@Step(4)
@DisplayName("Step 4: deadlines, end to end")
class Step4DeadlinesTest extends ServerFixture {

    /** A request's whole time. */
    static final Duration DEADLINE = Budgets.CALL_TIMEOUT;

    /** The longest one call may take: well past the deadline plus its slack, so that waiting for it shows. */
    static final Duration CALL_TIMEOUT = DEADLINE.plus(Budgets.SLACK.multipliedBy(2));

    /** How long the clients wait: past the call timeout, so that an answer after it is seen late, not missing. */
    static final Duration CLIENT_WAIT = CALL_TIMEOUT.plus(Budgets.SLACK);

    /** Travellers at once in each check. */
    static final int CLIENTS = 3;

    @Nested
    @DisplayName("when the flights API hangs")
    class WhenTheFlightsApiHangs {

        @TimingCheck(points = 3)
        void each_request_is_answered_504_by_its_deadline() throws Exception {
            // GIVEN
            backends.partners().on(Backend.FLIGHTS, Behaviour.hangs());
            DashboardServer server = start(settings(CALL_TIMEOUT).withDeadline(DEADLINE));

            // WHEN
            LoadReport report = load(server, CLIENTS, CLIENT_WAIT);

            // THEN
            assertThat(report.answered(DashboardPage.GATEWAY_TIMEOUT)).withFailMessage("expected all %d requests answered 504 by their"
                    + " deadline of %s while the flights API hangs (the call timeout is %s), saw %s %s", CLIENTS, Budgets.describe(DEADLINE),
                    Budgets.describe(CALL_TIMEOUT), report.summary(), lesson(4)).isEqualTo(CLIENTS);
            Duration slowest = report.latencies().getLast();
            assertThat(slowest).withFailMessage("expected each 504 by the deadline of %s (plus %s), but the slowest came after %s %s",
                    Budgets.describe(DEADLINE), Budgets.describe(Budgets.SLACK), Budgets.describe(slowest), lesson(4))
                    .isLessThanOrEqualTo(DEADLINE.plus(Budgets.SLACK));
        }
    }

    @Nested
    @DisplayName("when the weather API hangs")
    class WhenTheWeatherApiHangs {

        @CorrectnessCheck(points = 3)
        void each_gets_its_page_without_the_weather_by_its_deadline() throws Exception {
            // GIVEN
            backends.partners().on(Backend.WEATHER, Behaviour.hangs());
            DashboardServer server = start(settings(CALL_TIMEOUT).withDeadline(DEADLINE));

            // WHEN
            List<Integer> users = List.of(1, 2, 3);
            List<Answer> answers = getAtOnce(server, users, CLIENT_WAIT);

            // THEN
            for (int i = 0; i < users.size(); i++) {
                int user = users.get(i);
                Answer answer = answers.get(i);
                assertThat(answer.status()).withFailMessage("expected user %d's page (200) with the weather left out while the weather"
                        + " API hangs: the weather is optional. Got %s: %s %s", user, answer.describe(), answer.body(), lesson(4))
                        .isEqualTo(DashboardPage.OK);
                assertThat(answer.body()).withFailMessage("expected user %d's page with the weather fallback:%n%s%nbut got:%n%s%n%s",
                        user, pageWithoutWeatherOf(user), answer.body(), lesson(4)).isEqualTo(pageWithoutWeatherOf(user));
                assertThat(answer.took()).withFailMessage("expected user %d's page by the deadline of %s (plus %s), but it came after"
                        + " %s (the call timeout is %s) %s", user, Budgets.describe(DEADLINE), Budgets.describe(Budgets.SLACK),
                        Budgets.describe(answer.took()), Budgets.describe(CALL_TIMEOUT), lesson(4))
                        .isLessThanOrEqualTo(DEADLINE.plus(Budgets.SLACK));
            }
        }
    }
}
