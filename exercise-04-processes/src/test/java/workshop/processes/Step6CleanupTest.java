package workshop.processes;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.processes.JobChecks.assertNoProcessLeft;
import static workshop.processes.JobChecks.quickChunks;
import static workshop.processes.JobChecks.settings;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.WorkshopAssertions;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.processes.workers.HangingWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

@Step(6)
@DisplayName("Step 6: no process outlives the job")
class Step6CleanupTest {

    /** How long two workers get to start. */
    static final Duration START_BUDGET = Budgets.times(3, Budgets.SLACK);

    /** How long the job may take to end once its caller gives up. */
    static final Duration GIVING_UP_BUDGET = Budgets.SLACK;

    @Nested
    @DisplayName("when the caller gives up on the job")
    class WhenTheCallerGivesUp {

        @CorrectnessCheck(points = 2)
        void every_worker_is_killed_and_the_job_ends_with_InterruptedException() throws Exception {
            // GIVEN two workers that hang, with a timeout far away
            List<Chunk> chunks = quickChunks(2);
            try (WorkerTrail trail = WorkerTrail.create()) {
                NightlySettings settings = settings(2).withWorkerTimeout(Budgets.GUARD)
                        .withWorkerMainClass(HangingWorker.class).addingWorkerOptions(trail.options());
                GivenUpJob job = GivenUpJob.start(new NightlyJob(settings), chunks);
                job.awaitWorkers(trail, 2);

                // WHEN the caller gives up: its thread is interrupted (as Future.cancel(true) or an executor's shutdownNow() do)
                Throwable ending = job.interruptAndAwaitEnd();

                // THEN
                assertThat(ending)
                        .withFailMessage("expected run() to end with InterruptedException once its thread was interrupted, but it"
                                + " ended with %s: the caller that gave up cannot tell that the job stopped (lesson, step 6).", ending)
                        .isInstanceOf(InterruptedException.class);
                assertNoProcessLeft("when the interrupted job ended", trail.workers());
            }
        }
    }

    /** A job running on a caller thread of its own, which the check can interrupt. */
    record GivenUpJob(Thread caller, CompletableFuture<NightlyReport> outcome) {

        static GivenUpJob start(NightlyJob job, List<Chunk> chunks) {
            CompletableFuture<NightlyReport> outcome = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().name("nightly-job-caller").start(() -> {
                try {
                    outcome.complete(job.run(chunks));
                } catch (Throwable failure) {
                    outcome.completeExceptionally(failure);
                }
            });
            return new GivenUpJob(caller, outcome);
        }

        /** Waits until {@code count} workers have started (their trail shows it), failing if the job ends first. */
        void awaitWorkers(WorkerTrail trail, int count) {
            awaitThat(count + " workers to start", START_BUDGET, () -> trail.workers().size() >= count || outcome.isDone(),
                    () -> "expected " + count + " workers to start within " + Budgets.describe(START_BUDGET)
                            + ", but " + trail.workers().size() + " did. Start up to settings.workers() workers at once (step 2),"
                            + " with the settings' main class and options (step 1).");
            if (outcome.isDone()) {
                throw new AssertionError("expected the job to wait for its hung workers, but it ended first with "
                        + outcome.handle((report, failure) -> failure != null ? failure : report).join()
                        + ": it did not run the chunks in the settings' workers (step 1).");
            }
        }

        /** Interrupts the caller and returns what run() ended with. */
        Throwable interruptAndAwaitEnd() throws InterruptedException {
            caller.interrupt();
            caller.join(GIVING_UP_BUDGET);
            if (caller.isAlive()) {
                String atThatMoment = WorkshopAssertions.whatRan(caller);
                throw new AssertionError("expected run() to end within " + Budgets.describe(GIVING_UP_BUDGET) + " of its caller"
                        + " being interrupted, but it still ran then" + (atThatMoment.isEmpty() ? "." : ". At that moment: " + atThatMoment)
                        + " When the caller gives up, the job stops its workers and ends with InterruptedException (lesson, step 6).");
            }
            return outcome.handle((report, failure) -> failure).join();
        }
    }
}
