package workshop.sync;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;
import workshop.trip.BackendException;

@DisplayName("The blocking trip dashboard, interrupted (graded)")
class SyncDashboardInterruptHiddenTest extends SyncDashboardFixture {

    /** How the load ended on its own thread: what it threw, and whether that thread was still interrupted afterwards. */
    record Ended(Throwable failure, boolean stillInterrupted) {
    }

    @Nested
    @Step(4)
    @DisplayName("when the caller's thread is interrupted while a call waits")
    class WhenTheCallerIsInterrupted {

        @CorrectnessCheck(points = 1)
        void the_load_fails_naming_the_api_and_the_thread_stays_interrupted() throws Exception {
            // GIVEN a flights API that never answers, and a load of user 7 on a thread of the check's own
            backends.partners().on(Backend.FLIGHTS, Behaviour.hangs());
            CallProbe flights = backends.partners().probe(Backend.FLIGHTS);
            CompletableFuture<Ended> ended = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().name("dashboard-caller").start(() -> {
                Throwable failure = null;
                try {
                    dashboard.load(7);
                } catch (Throwable thrown) {
                    failure = thrown;
                }
                ended.complete(new Ended(failure, Thread.currentThread().isInterrupted()));
            });
            Ended outcome;
            try {
                awaitThat("the flights call in flight", Budgets.times(2, Budgets.SLACK), () -> flights.inFlight() == 1 || ended.isDone(),
                        () -> "expected the dashboard to call the flights API within "
                                + Budgets.describe(Budgets.times(2, Budgets.SLACK)) + ", but no flights call arrived");

                // WHEN the caller's thread is interrupted while it waits for the flights API
                caller.interrupt();
                try {
                    outcome = ended.get(Budgets.SLACK.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillWaiting) {
                    throw new AssertionError("load() was interrupted while it waited for the flights API, and it was still"
                            + " waiting " + Budgets.describe(Budgets.SLACK) + " later: an interrupt asks the thread to stop"
                            + " waiting (lesson, step 4).");
                }
            } finally {
                caller.interrupt();
                caller.join(Budgets.SETTLE);
            }

            // THEN the thread still knows it was asked to stop ...
            Throwable failure = outcome.failure();
            assertThat(outcome.stillInterrupted())
                    .withFailMessage(() -> "load() was interrupted while it waited for the flights API and ended with "
                            + (failure == null ? "a dashboard" : failure.toString()) + ", but afterwards its thread was no"
                            + " longer interrupted: the interrupt was swallowed, so whoever called load() no longer knows it"
                            + " was asked to stop. Whoever catches an interrupt and does not stop the whole thread passes it"
                            + " on (lesson, step 4).")
                    .isTrue();
            // ... and the failure names the API the load waited for
            assertThat(failure)
                    .withFailMessage(() -> "expected an interrupted load to fail with a BackendException naming the flights API,"
                            + " the call it was waiting for, but it ended with " + (failure == null ? "a dashboard" : failure)
                            + " (lesson, step 4).")
                    .isInstanceOfSatisfying(BackendException.class,
                            named -> assertThat(named.backend()).as("the backend named").isEqualTo(Backend.FLIGHTS));
        }
    }
}
