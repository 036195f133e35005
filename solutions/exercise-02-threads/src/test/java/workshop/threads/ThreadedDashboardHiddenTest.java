package workshop.threads;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.assertTookAtMost;
import static workshop.kit.WorkshopAssertions.failureWithin;
import static workshop.kit.WorkshopAssertions.timedWithin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
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
import workshop.trip.Dashboard;

@DisplayName("A dashboard on threads of its own (hidden checks)")
class ThreadedDashboardHiddenTest extends ThreadedDashboardFixture {

    static void assertNames(Throwable failure, Backend backend, String fix) {
        assertThat(failure)
                .withFailMessage(() -> "expected load() to throw the BackendException naming the " + backend
                        + ", but it threw " + failure + ". " + fix)
                .isInstanceOfSatisfying(BackendException.class,
                        thrown -> assertThat(thrown.backend())
                                .withFailMessage(() -> "expected the BackendException to name the " + backend
                                        + ", but it names the " + thrown.backend() + ". " + fix)
                                .isEqualTo(backend));
    }

    @Nested
    @Step(1)
    @DisplayName("when every backend answers")
    class WhenEveryBackendAnswers {

        @TimingCheck(points = 2)
        void the_four_calls_are_in_flight_together_also_with_an_instant_database() throws Exception {
            // GIVEN a database that answers at once, and no call goes out before four wait together
            trip.profiles().latency(Duration.ZERO);
            trip.client().meetingOf(4);

            // WHEN
            Dashboard loaded = trip.together(new ObservedClient.Overlap(4, "the four calls of the dashboard of user 42", "load()",
                    "run each call on a thread of its own, all four started before you wait for any (lesson, step 1)"),
                    () -> dashboard.load(42));

            // THEN
            assertThat(loaded).isEqualTo(TripData.dashboard(42));
            assertThat(trip.client().calls())
                    .as("the calls load() made")
                    .extracting(ObservedClient.Call::backend)
                    .containsExactlyInAnyOrder(Backend.values());
        }

        @TimingCheck(points = 2)
        void four_calls_of_one_latency_take_about_one_latency_not_four() throws Exception {
            // GIVEN code that has run once (classes loaded, connections open), then backends that
            // each take one latency
            load(1);
            trip.profiles().latency(Budgets.LATENCY);
            trip.partners().onAll(Behaviour.answersAfter(Budgets.LATENCY));
            Duration sequentialSum = Budgets.times(4, Budgets.LATENCY);

            // WHEN
            Timed<Dashboard> run = timedWithin(Budgets.GUARD, "the dashboard of user 8", () -> dashboard.load(8));

            // THEN
            assertThat(run.value()).isEqualTo(TripData.dashboard(8));
            assertTookAtLeast(run.took(), Budgets.LATENCY, "each call takes " + Budgets.describe(Budgets.LATENCY));
            assertTookAtMost(run.took(), sequentialSum, "That is the sum of four calls of "
                    + Budgets.describe(Budgets.LATENCY) + ": the calls ran one after another. Start all four threads,"
                    + " then join them.");
        }
    }

    @Nested
    @Step(1)
    @DisplayName("when a backend fails")
    class WhenABackendFails {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void a_failing_database_is_named() {
            // GIVEN
            trip.profiles().failing();

            // WHEN
            Throwable failure = failureWithin(Budgets.GUARD, "the dashboard while the database fails", () -> dashboard.load(7));

            // THEN
            assertNames(failure, Backend.PROFILE, "A failure inside a thread must be kept and thrown by load() after join().");
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void a_malformed_weather_reply_is_named() {
            // GIVEN
            trip.partners().on(Backend.WEATHER, Behaviour.answersAfter(Budgets.SHORT_LATENCY).malformed());

            // WHEN
            Throwable failure = failureWithin(Budgets.GUARD, "the dashboard while the weather API sends HTML", () -> dashboard.load(7));

            // THEN
            assertNames(failure, Backend.WEATHER, "A failure inside a thread must be kept and thrown by load() after join().");
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when the flights API fails at once while the others hang")
    class WhenOneCallFailsWhileTheOthersHang {


        @BeforeEach
        void the_other_backends_hang() {
            // GIVEN calls that only end when interrupted (the client's own time limit is far away)
            trip.profiles().hanging();
            trip.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(Duration.ZERO).withStatus(503));
            trip.partners().on(Backend.HOTELS, Behaviour.hangs());
            trip.partners().on(Backend.WEATHER, Behaviour.hangs());
        }

        Throwable loadFailing() {
            return trip.failurePromptly(new ObservedClient.Overlap(4, "the dashboard once the flights API failed", "load()",
                    "run each call on a thread of its own (lesson, step 1)"),
                    "Once one call has failed, the dashboard has failed: stop the calls still waiting at once instead of"
                    + " waiting for them (lesson, step 6).",
                    () -> dashboard.load(7));
        }

        @TimingCheck(points = 2)
        void the_error_names_the_flights_api_at_once() {
            // WHEN
            Throwable failure = loadFailing();

            // THEN
            assertNames(failure, Backend.FLIGHTS, "When one call fails, the dashboard has failed: interrupt the other"
                    + " threads at once and throw that failure.");
        }

        @CorrectnessCheck(points = 2)
        void the_three_calls_still_waiting_are_interrupted_and_end() {
            // WHEN
            loadFailing();

            // THEN every call has ended, the waiting ones by an interrupt, and the database stopped its query
            TripFixture.eventually("every call of the dashboard to end", TripFixture.PROMPTLY,
                    "A call still waits although the dashboard has failed: interrupt the other threads"
                    + " as soon as one call fails, and join them before load() throws.",
                    () -> trip.client().probe().inFlight() == 0);
            assertThat(trip.client().calls())
                    .withFailMessage(() -> "expected the profile, hotels and weather calls to end with an"
                            + " InterruptedException once the flights API failed, but they ended so: " + trip.client().calls()
                            + ". Interrupt the other threads as soon as one call fails.")
                    .filteredOn(call -> call.backend() != Backend.FLIGHTS)
                    .extracting(ObservedClient.Call::outcome)
                    .containsExactly("interrupted", "interrupted", "interrupted");
            TripFixture.eventually("the database to stop the profile query", TripFixture.PROMPTLY,
                    "The profile query still runs: interrupt the thread that waits for it.",
                    () -> trip.profiles().probe().inFlight() == 0);
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when two calls fail, one after the other")
    class WhenTwoCallsFail {

        @CorrectnessCheck(points = 1)
        void the_error_names_the_backend_that_failed_first() throws Exception {
            // GIVEN the weather API fails at once, the hotels API a good while later
            trip.partners().on(Backend.WEATHER, Behaviour.answersAfter(Duration.ZERO).withStatus(500));
            trip.partners().on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SLACK).withStatus(500));

            // WHEN
            Throwable failure = failureWithin(Budgets.GUARD, "the dashboard while two APIs fail", () -> dashboard.load(7));

            // THEN
            assertNames(failure, Backend.WEATHER, "The weather API failed first in time, the hotels API "
                    + Budgets.describe(Budgets.SLACK) + " later: the failure that happened first is the one to report, whatever"
                    + " the order in which the threads are joined (lesson, step 6).");
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when the caller is interrupted while the calls wait")
    class WhenTheCallerIsInterrupted {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void load_throws_InterruptedException_and_no_call_keeps_waiting() throws Exception {
            // GIVEN calls that only end when interrupted
            trip.profiles().hanging();
            trip.partners().onAll(Behaviour.hangs());
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().name("dashboard-caller").start(() -> {
                try {
                    outcome.complete(dashboard.load(7));
                } catch (Throwable failure) {
                    outcome.complete(failure);
                }
            });
            TripFixture.eventually("the profile query to start", Budgets.GUARD, "load() never queried the database.",
                    () -> trip.profiles().probe().inFlight() == 1);

            // WHEN
            caller.interrupt();

            // THEN
            Object result = outcome.get(TripFixture.PROMPTLY.toNanos(), TimeUnit.NANOSECONDS);
            assertThat(result)
                    .withFailMessage(() -> "expected load() to throw InterruptedException when its caller is interrupted,"
                            + " but it ended with " + result)
                    .isInstanceOf(InterruptedException.class);
            TripFixture.eventually("every call of the dashboard to end", TripFixture.PROMPTLY,
                    "A call still waits although load() gave up: when join() is interrupted, interrupt the four"
                    + " threads and join them before you rethrow the InterruptedException.",
                    () -> trip.client().probe().inFlight() == 0);
            caller.join(TripFixture.PROMPTLY);
            List<ObservedClient.Call> calls = trip.client().calls();
            assertThat(calls).extracting(ObservedClient.Call::outcome).containsOnly("interrupted");
        }
    }
}
