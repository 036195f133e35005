package workshop.sync;

import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.failureWithin;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertThatThrownBy;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.TripData;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.CallSpan;
import workshop.trip.TimedDashboard;

@DisplayName("The blocking trip dashboard")
class SyncDashboardTest extends SyncDashboardFixture {

    /**
     * A hung call must end within its timeout plus this much: room for a busy machine. Code without a
     * timeout never ends, and a timeout that ignores the settings is caught by a check of its own.
     */
    static final Duration TIMEOUT_SLACK = Budgets.times(2, Budgets.SLACK);

    TimedDashboard load(int user) throws Exception {
        return within(Budgets.GUARD, "loading the dashboard of user " + user, () -> dashboard.load(user));
    }

    @Nested
    @Step(1)
    @DisplayName("when every backend answers")
    class WhenEveryBackendAnswers {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void it_shows_the_profile_and_every_offer() throws Exception {
            // WHEN
            TimedDashboard loaded = load(7);

            // THEN
            assertThat(loaded.dashboard())
                    .as("the dashboard of user 7")
                    .isEqualTo(TripData.dashboard(7));
        }

        @TimingCheck(points = 1, onStub = OnStub.PASSES)
        void it_takes_the_sum_of_the_four_latencies_because_each_call_waits_for_the_one_before() throws Exception {
            // GIVEN
            backends.profiles().latency(Budgets.LATENCY);
            backends.partners().onAll(Behaviour.answersAfter(Budgets.LATENCY));

            // WHEN
            Timed<TimedDashboard> run = timedWithin(Budgets.GUARD, "loading the dashboard", () -> dashboard.load(7));

            // THEN
            assertTookAtLeast(run.took(), Budgets.times(4, Budgets.LATENCY), "four calls of " + Budgets.describe(Budgets.LATENCY) + " each, one after another");
            assertNeverMoreInFlightThan(backends.partners().probe(), 1,
                    "A blocking client makes one call at a time; this exercise is not about overlapping them yet.");
        }

        @CorrectnessCheck(points = 2)
        void its_timeline_has_one_span_per_call_in_the_order_they_ran() throws Exception {
            // WHEN
            List<CallSpan> timeline = load(7).timeline();

            // THEN
            assertThat(timeline)
                    .withFailMessage("expected a timeline of 4 spans (profile, flights, hotels, weather), but got %s. "
                            + "Record System.nanoTime() just before and just after each call, and add a CallSpan per call.", timeline)
                    .extracting(CallSpan::backend)
                    .containsExactly(Backend.PROFILE, Backend.FLIGHTS, Backend.HOTELS, Backend.WEATHER);
            for (CallSpan span : timeline) {
                assertTookAtLeast(Duration.ofNanos(span.endNanos() - span.startNanos()), Budgets.SHORT_LATENCY,
                        "the " + span.backend() + " span covers a call that takes " + Budgets.describe(Budgets.SHORT_LATENCY));
            }
        }
    }

    @Nested
    @Step(2)
    @DisplayName("when a partner API never answers")
    class WhenAPartnerApiHangs {

        @TimingCheck(points = 2)
        void the_dashboard_gives_up_on_the_api_within_its_call_timeout() {
            // GIVEN
            backends.partners().on(Backend.FLIGHTS, Behaviour.hangs());
            Duration budget = Budgets.CALL_TIMEOUT.plus(Budgets.SHORT_LATENCY).plus(TIMEOUT_SLACK);

            // WHEN
            Throwable failure = failureWithin(budget, "the dashboard while the flights API hangs", () -> impatient().load(7));

            // THEN
            assertThat(failure)
                    .withFailMessage("expected the dashboard to give up on the hung flights API, but it failed with %s", failure)
                    .isNotNull();
        }
    }

    @Nested
    @Step(3)
    @DisplayName("when the profile database never answers")
    class WhenTheDatabaseHangs {

        @TimingCheck(points = 2)
        void the_dashboard_gives_up_on_the_database_within_its_call_timeout() {
            // GIVEN
            backends.profiles().hanging();
            Duration budget = Budgets.CALL_TIMEOUT.plus(TIMEOUT_SLACK);

            // WHEN
            Throwable failure = failureWithin(budget, "the dashboard while the database hangs", () -> impatient().load(7));

            // THEN
            assertThat(failure)
                    .withFailMessage("expected the dashboard to give up on the hung database, but it failed with %s", failure)
                    .isNotNull();
        }
    }

    @Nested
    @Step(4)
    @DisplayName("when a partner API answers with an error")
    class WhenAPartnerApiFails {

        @CorrectnessCheck(points = 2)
        void the_dashboard_fails_with_a_BackendException_that_names_the_api() throws Exception {
            // GIVEN
            backends.partners().on(Backend.HOTELS, Behaviour.normal().withStatus(500));

            // WHEN / THEN
            assertThatThrownBy(() -> load(7))
                    .withFailMessage(() -> "expected a BackendException naming the hotels API when it answers HTTP 500. "
                            + "Check response.statusCode() before reading the body, and throw new BackendException(backend, \"HTTP status \" + status).")
                    .isInstanceOfSatisfying(BackendException.class,
                            failure -> assertThat(failure.backend()).isEqualTo(Backend.HOTELS));
        }
    }
}
