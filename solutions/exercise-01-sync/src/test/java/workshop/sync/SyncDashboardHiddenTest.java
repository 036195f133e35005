package workshop.sync;

import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.failureWithin;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
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

@DisplayName("The blocking trip dashboard (graded)")
class SyncDashboardHiddenTest extends SyncDashboardFixture {

    /**
     * The call timeout of the patient dashboard in the check of two timeouts: longer than the quick
     * dashboard may take in all, so that a limit fixed in the code fails one of the two.
     */
    static final Duration PATIENT_CALL_TIMEOUT = Budgets.scaled(2_500);

    /** The failure of loading user 7, which must be a BackendException naming {@code expected}. */
    BackendException failureNaming(Backend expected, Duration budget, String situation) {
        return failureNaming(dashboard, expected, budget, situation);
    }

    BackendException failureNaming(SyncDashboard under, Backend expected, Duration budget, String situation) {
        String what = "the dashboard " + situation;
        Throwable failure;
        try {
            failure = failureWithin(budget, what, () -> under.load(7));
        } catch (AssertionError returned) {
            if (returned.getMessage() == null || !returned.getMessage().startsWith("expected " + what + " to fail, but it returned")) {
                throw returned;
            }
            throw new AssertionError("expected a BackendException naming the " + expected + " " + situation + ", but load()"
                    + " returned a dashboard: " + returned.getMessage().substring(("expected " + what + " to fail, but it returned ").length())
                    + ". A backend that fails fails the dashboard, and the failure names that backend (lesson, step 4).");
        }
        assertThat(failure)
                .withFailMessage("expected a BackendException naming the %s %s, but got %s. "
                        + "Turn each backend's failure into a BackendException that names it, where you call it (lesson, step 4).",
                        expected, situation, failure)
                .isInstanceOf(BackendException.class);
        BackendException named = (BackendException) failure;
        assertThat(named.backend())
                .withFailMessage("expected the BackendException to name the %s %s, but it names the %s: %s",
                        expected, situation, named.backend(), named.getMessage())
                .isEqualTo(expected);
        assertThat(named.getMessage()).as("the failure's message").contains(expected.label());
        return named;
    }

    @Nested
    @Step(1)
    @DisplayName("when every backend answers")
    class WhenEveryBackendAnswers {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void each_user_gets_their_own_dashboard() throws Exception {
            for (int user : List.of(1, TripData.USERS)) {
                assertThat(within(Budgets.GUARD, "the dashboard of user " + user, () -> dashboard.load(user)).dashboard())
                        .as("the dashboard of user %d", user)
                        .isEqualTo(TripData.dashboard(user));
            }
        }

        @TimingCheck(points = 1, onStub = OnStub.PASSES)
        void the_calls_never_overlap_and_the_total_is_at_least_the_sum_of_the_latencies() throws Exception {
            // GIVEN
            backends.profiles().latency(Budgets.LATENCY);
            backends.partners().onAll(Behaviour.answersAfter(Budgets.LATENCY));

            // WHEN
            Timed<TimedDashboard> run = timedWithin(Budgets.GUARD, "the dashboard of user 7", () -> dashboard.load(7));

            // THEN
            assertTookAtLeast(run.took(), Budgets.times(4, Budgets.LATENCY), "four blocking calls, one after another");
            assertNeverMoreInFlightThan(backends.partners().probe(), 1, "This blocking client waits for each call before the next.");
            assertThat(backends.partners().probe().calls()).as("partner API calls for one dashboard").isEqualTo(3);
            assertThat(backends.profiles().probe().calls()).as("profile queries for one dashboard").isEqualTo(1);
        }

        @TimingCheck(points = 2)
        void the_timeline_matches_what_the_backends_saw() throws Exception {
            // WHEN
            Timed<TimedDashboard> run = timedWithin(Budgets.GUARD, "the dashboard of user 7", () -> dashboard.load(7));
            List<CallSpan> timeline = run.value().timeline();

            // THEN the spans are the four calls, in order, one after another
            assertThat(timeline).extracting(CallSpan::backend)
                    .withFailMessage("expected spans for profile, flights, hotels, weather in that order, got %s", timeline)
                    .containsExactly(Backend.PROFILE, Backend.FLIGHTS, Backend.HOTELS, Backend.WEATHER);
            for (int i = 1; i < timeline.size(); i++) {
                assertThat(timeline.get(i).startNanos())
                        .withFailMessage("the %s span starts before the %s span ends: a span runs from just before its call starts to just after it ends (lesson, step 1)",
                                timeline.get(i).backend(), timeline.get(i - 1).backend())
                        .isGreaterThanOrEqualTo(timeline.get(i - 1).endNanos());
            }
            // AND each span contains the call as the backend saw it
            assertContains(timeline.get(0), backends.profiles().probe());
            assertContains(timeline.get(1), backends.partners().probe(Backend.FLIGHTS));
            assertContains(timeline.get(2), backends.partners().probe(Backend.HOTELS));
            assertContains(timeline.get(3), backends.partners().probe(Backend.WEATHER));
        }

        /** The backend saw the call start inside the span, and the span lasts at least the backend's latency. */
        private void assertContains(CallSpan span, CallProbe seenByBackend) {
            CallProbe.Span served = seenByBackend.spans().getFirst();
            assertThat(span.startNanos() <= served.startNanos() && served.startNanos() <= span.endNanos())
                    .withFailMessage("the %s backend received the call %s the %s span: a span runs from just before its call"
                                    + " starts to just after it ends (lesson, step 1)",
                            span.backend(), served.startNanos() < span.startNanos() ? "before the start of" : "after the end of", span.backend())
                    .isTrue();
            assertTookAtLeast(Duration.ofNanos(span.endNanos() - span.startNanos()), Budgets.SHORT_LATENCY,
                    "the " + span.backend() + " span covers a call that takes at least " + Budgets.describe(Budgets.SHORT_LATENCY));
        }

        @CorrectnessCheck(points = 1)
        void an_unknown_user_fails_naming_the_profile_database() {
            Throwable failure = failureWithin(Budgets.GUARD, "the dashboard of an unknown user", () -> dashboard.load(TripData.USERS + 1));
            assertThat(failure)
                    .withFailMessage("expected a BackendException naming the profile database for a user without a profile, got %s. "
                            + "A user without a profile is a failure of the profile database (lesson, step 4).", failure)
                    .isInstanceOfSatisfying(BackendException.class, named -> assertThat(named.backend()).isEqualTo(Backend.PROFILE));
        }
    }

    @Nested
    @Step(2)
    @DisplayName("when a partner API never answers")
    class WhenAPartnerApiHangs {

        @TimingCheck(points = 2)
        void a_hung_weather_api_fails_within_the_call_timeout_naming_it() {
            backends.partners().on(Backend.WEATHER, Behaviour.hangs());
            Duration budget = Budgets.times(3, Budgets.SHORT_LATENCY).plus(Budgets.CALL_TIMEOUT).plus(SyncDashboardTest.TIMEOUT_SLACK);
            failureNaming(impatient(), Backend.WEATHER, budget, "while the weather API hangs");
        }

        @TimingCheck(points = 1)
        void a_shorter_call_timeout_gives_up_sooner() throws Exception {
            // GIVEN a hung flights API, and two call timeouts so far apart that no fixed limit honours both
            backends.partners().on(Backend.FLIGHTS, Behaviour.hangs());
            Duration quick = Budgets.CALL_TIMEOUT.dividedBy(4);

            // WHEN / THEN the quick dashboard gives up long before the patient one's limit ...
            givingUp(quick);
            // ... and the patient one waits its own limit out
            Duration took = givingUp(PATIENT_CALL_TIMEOUT);
            assertTookAtLeast(took, PATIENT_CALL_TIMEOUT, "its calls may take " + Budgets.describe(PATIENT_CALL_TIMEOUT)
                    + ", so it waits that long for a hung API: the limit comes from the settings, not from a constant");
        }

        /** Loads a dashboard with {@code callTimeout} while the flights API hangs; returns how long it took to fail. */
        private Duration givingUp(Duration callTimeout) throws Exception {
            try (SyncDashboard limited = new SyncDashboard(backends.settings(callTimeout))) {
                Duration budget = Budgets.SHORT_LATENCY.plus(callTimeout).plus(SyncDashboardTest.TIMEOUT_SLACK);
                long start = System.nanoTime();
                Throwable failure = failureWithin(budget, "a dashboard with a " + Budgets.describe(callTimeout)
                        + " call timeout while the flights API hangs", () -> limited.load(7));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(failure).isInstanceOf(BackendException.class);
                return took;
            }
        }
    }

    @Nested
    @Step(3)
    @DisplayName("when the profile database never answers")
    class WhenTheDatabaseHangs {

        @TimingCheck(points = 2)
        void the_dashboard_fails_within_the_call_timeout_naming_the_database() {
            backends.profiles().hanging();
            // JDBC counts query timeouts in whole seconds, so allow rounding up by one second.
            Duration budget = Budgets.CALL_TIMEOUT.plus(Budgets.scaled(1_000)).plus(SyncDashboardTest.TIMEOUT_SLACK);
            failureNaming(impatient(), Backend.PROFILE, budget, "while the profile database hangs");
        }
    }

    @Nested
    @Step(4)
    @DisplayName("when a backend fails")
    class WhenABackendFails {

        @CorrectnessCheck(points = 1)
        void an_error_status_from_the_flights_api_names_the_flights_api() {
            backends.partners().on(Backend.FLIGHTS, Behaviour.normal().withStatus(500));
            failureNaming(Backend.FLIGHTS, Budgets.GUARD, "when the flights API answers HTTP 500");
        }

        @CorrectnessCheck(points = 1)
        void an_error_status_from_the_weather_api_names_the_weather_api() {
            backends.partners().on(Backend.WEATHER, Behaviour.normal().withStatus(503));
            failureNaming(Backend.WEATHER, Budgets.GUARD, "when the weather API answers HTTP 503");
        }

        @CorrectnessCheck(points = 1)
        void a_malformed_body_names_the_api_that_sent_it() {
            backends.partners().on(Backend.HOTELS, Behaviour.normal().malformed());
            BackendException failure = failureNaming(Backend.HOTELS, Budgets.GUARD, "when the hotels API sends a malformed body");
            assertThat(failure.getMessage()).as("the failure's message").containsIgnoringCase("malformed");
        }

        @CorrectnessCheck(points = 1)
        void a_database_error_names_the_profile_database_and_keeps_the_cause() {
            backends.profiles().failing();
            BackendException failure = failureNaming(Backend.PROFILE, Budgets.GUARD, "when the profile database fails");
            assertThat(failure.getCause())
                    .withFailMessage("expected the SQLException as the BackendException's cause, so nobody loses the details; got %s", failure.getCause())
                    .isInstanceOf(java.sql.SQLException.class);
        }

        @CorrectnessCheck(points = 1)
        void a_failure_stops_the_dashboard_at_once_without_calling_the_later_backends() {
            backends.partners().on(Backend.FLIGHTS, Behaviour.normal().withStatus(500));
            failureNaming(Backend.FLIGHTS, Budgets.GUARD, "when the flights API answers HTTP 500");
            assertThat(backends.partners().probe(Backend.HOTELS).calls() + backends.partners().probe(Backend.WEATHER).calls())
                    .withFailMessage("expected no calls to the hotels and weather APIs after the flights API failed: the dashboard has already failed")
                    .isZero();
        }
    }
}
