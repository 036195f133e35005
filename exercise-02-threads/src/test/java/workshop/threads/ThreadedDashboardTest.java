package workshop.threads;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.failureWithin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.TripData;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;

@DisplayName("A dashboard whose four calls run on threads of their own")
class ThreadedDashboardTest extends ThreadedDashboardFixture {

    @Nested
    @Step(1)
    @DisplayName("when every backend answers")
    class WhenEveryBackendAnswers {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void it_shows_the_profile_and_every_offer() throws Exception {
            // WHEN
            Dashboard loaded = load(7);

            // THEN
            assertThat(loaded).as("the dashboard of user 7").isEqualTo(TripData.dashboard(7));
        }

        @TimingCheck(points = 2)
        void the_four_calls_are_in_flight_at_the_same_time() throws Exception {
            // GIVEN no call goes out before all four wait together
            trip.client().meetingOf(4);

            // WHEN
            Dashboard loaded = trip.together(new ObservedClient.Overlap(4, "the four calls of one dashboard", "load()",
                    "run each call on a thread of its own, all four started before you wait for any (lesson, step 1)"),
                    () -> dashboard.load(7));

            // THEN
            assertThat(loaded).as("the dashboard of user 7").isEqualTo(TripData.dashboard(7));
        }
    }

    @Nested
    @Step(1)
    @DisplayName("when a partner API answers with an error")
    class WhenAPartnerApiFails {

        @CorrectnessCheck(points = 2, onStub = OnStub.PASSES)
        void the_failure_reaches_the_caller_and_names_the_api() {
            // GIVEN
            trip.partners().on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));

            // WHEN
            Throwable failure = failureWithin(Budgets.GUARD, "the dashboard while the hotels API fails", () -> dashboard.load(7));

            // THEN
            assertThat(failure)
                    .withFailMessage(() -> "expected load() to throw the BackendException naming the hotels API, but it "
                            + (failure == null ? "returned without one" : "threw " + failure) + ". An exception thrown inside"
                            + " a thread ends that thread, not the one that called load(): make the failure reach the caller"
                            + " (lesson, step 1).")
                    .isInstanceOfSatisfying(BackendException.class,
                            thrown -> assertThat(thrown.backend()).isEqualTo(Backend.HOTELS));
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when the weather API fails while the other three calls still wait")
    class WhenOneCallFailsWhileTheOthersWait {


        @BeforeEach
        void the_other_backends_hang() {
            // GIVEN calls that only end when interrupted (the client's own time limit is far away)
            trip.profiles().hanging();
            trip.partners().on(Backend.FLIGHTS, Behaviour.hangs());
            trip.partners().on(Backend.HOTELS, Behaviour.hangs());
            trip.partners().on(Backend.WEATHER, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));
        }

        @TimingCheck(points = 2)
        void the_dashboard_fails_at_once_and_names_the_weather_api() {
            // WHEN
            Throwable failure = trip.failurePromptly(new ObservedClient.Overlap(4, "the dashboard once the weather API failed",
                    "load()", "run each call on a thread of its own (lesson, step 1)"),
                    "Once one call has failed, the dashboard has failed: stop the calls still waiting at once instead of"
                    + " waiting for them (lesson, step 6).",
                    () -> dashboard.load(7));

            // THEN
            assertThat(failure)
                    .withFailMessage(() -> "expected the BackendException naming the weather API, but got " + failure)
                    .isInstanceOfSatisfying(BackendException.class,
                            thrown -> assertThat(thrown.backend()).isEqualTo(Backend.WEATHER));
        }
    }
}
