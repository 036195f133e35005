package workshop.sync;

import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.failureWithin;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.catchThrowable;
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

    /**
     * Loads user 7 with the short call timeout while {@code hung} never answers, and returns what it threw;
     * fails when it is still running at the end of {@code budget}, saying so and what the lesson asks.
     */
    Throwable givingUp(Duration budget, String hung, String idea) {
        String what = "the dashboard while " + hung + " hangs";
        try {
            return failureWithin(budget, what, () -> impatient().load(7));
        } catch (AssertionError stillRunning) {
            if (stillRunning.getMessage() == null || !stillRunning.getMessage().startsWith("expected " + what + " to finish within")) {
                throw stillRunning;
            }
            int seen = stillRunning.getMessage().indexOf(" At that moment: ");
            throw reworded(stillRunning, "expected the dashboard to give up on " + hung + ", which never answers, within its call"
                    + " timeout of " + Budgets.describe(Budgets.CALL_TIMEOUT) + ", but it was still running after "
                    + Budgets.describe(budget) + ": " + idea + "." + (seen < 0 ? "" : stillRunning.getMessage().substring(seen)));
        }
    }

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
                    .withFailMessage("expected a timeline of 4 spans (profile, flights, hotels, weather), but it had %d: %s."
                            + " Measure each call and add its span to the timeline (lesson, step 1).", timeline.size(), timeline)
                    .extracting(CallSpan::backend)
                    .containsExactly(Backend.PROFILE, Backend.FLIGHTS, Backend.HOTELS, Backend.WEATHER);
            for (CallSpan span : timeline) {
                Duration lasted = Duration.ofNanos(span.endNanos() - span.startNanos());
                assertThat(lasted)
                        .withFailMessage("expected the %s span to last at least %s, as that call takes, but it lasted %s:"
                                + " a span runs from just before its call starts to just after it ends (lesson, step 1).",
                                span.backend(), Budgets.describe(Budgets.SHORT_LATENCY), Budgets.describe(lasted))
                        .isGreaterThanOrEqualTo(Budgets.SHORT_LATENCY);
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
            Throwable failure = givingUp(budget, "the flights API", "give every HTTP request a time limit (lesson, step 2)");

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
            Throwable failure = givingUp(budget, "the database", "give the database query a time limit (lesson, step 3)");

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

            // WHEN
            Throwable failure = catchThrowable(() -> load(7));

            // THEN
            assertThat(failure)
                    .withFailMessage(() -> "expected a BackendException naming the hotels API when it answers HTTP 500, but load() "
                            + (failure == null ? "returned a dashboard" : "threw " + failure) + ". An error status is a failure"
                            + " of that API: make it a BackendException that names it (lesson, step 4).")
                    .isInstanceOfSatisfying(BackendException.class,
                            thrown -> assertThat(thrown.backend()).isEqualTo(Backend.HOTELS));
        }
    }
}
