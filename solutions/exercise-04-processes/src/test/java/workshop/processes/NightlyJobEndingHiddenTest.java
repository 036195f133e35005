package workshop.processes;

import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.failureWithin;
import static workshop.kit.WorkshopAssertions.fail;
import static workshop.processes.JobChecks.POLL;
import static workshop.processes.JobChecks.assertFailed;
import static workshop.processes.JobChecks.assertNoProcessLeft;
import static workshop.processes.JobChecks.quickChunks;
import static workshop.processes.JobChecks.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.processes.workers.HangingWorker;
import workshop.processes.workers.TermIgnoringWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkFailure;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

@DisplayName("The nightly job, ending its workers (hidden checks)")
class NightlyJobEndingHiddenTest {

    /**
     * The timeout of a worker that ignores SIGTERM: room for its JVM to start and ignore the signal
     * before the timeout, even on a busy machine, so that the timeout meets a worker a polite request cannot end.
     */
    static final Duration STUBBORN_WORKER_TIMEOUT = Budgets.times(2, Budgets.SLACK);

    /** How long the job may take to fail once an attempt broke down: killing the other workers, not waiting them out. */
    static final Duration BREAKDOWN_BUDGET = NightlyJobHiddenTest.START_BUDGET;

    @AfterEach
    void no_process_of_the_job_outlives_the_check() {
        assertNoProcessLeft("after the check", List.of());
    }

    @Nested
    @Step(4)
    @DisplayName("when a hung worker ignores SIGTERM")
    class WhenAHungWorkerIgnoresSigterm {

        @TimingCheck(points = 2)
        void it_is_still_killed_at_its_timeout_and_its_chunk_fails_as_timed_out() throws Exception {
            // GIVEN one chunk, whose worker ignores SIGTERM and never answers
            List<Chunk> chunks = quickChunks(1);
            try (WorkerTrail trail = WorkerTrail.create()) {
                NightlySettings settings = settings(1).withWorkerTimeout(STUBBORN_WORKER_TIMEOUT)
                        .withWorkerMainClass(TermIgnoringWorker.class).addingWorkerOptions(trail.options());
                NightlyJob job = new NightlyJob(settings);
                CompletableFuture<NightlyReport> report = new CompletableFuture<>();
                Thread caller = Thread.ofPlatform().name("nightly-job-caller").start(() -> {
                    try {
                        report.complete(job.run(chunks));
                    } catch (Throwable failure) {
                        report.completeExceptionally(failure);
                    }
                });
                try {
                    // WHEN the worker has started and its timeout passes
                    Awaitility.await("the worker of chunk 0 to start").atMost(NightlyJobHiddenTest.START_BUDGET).pollInterval(POLL)
                            .until(() -> !trail.workers().isEmpty() || report.isDone());
                    if (trail.workers().isEmpty()) {
                        fail("expected the job to start a worker process for chunk 0, but it " + (report.isDone()
                                ? "ended without starting one" : "started none within " + Budgets.describe(NightlyJobHiddenTest.START_BUDGET))
                                + ": compute each chunk in a worker process of its own (lesson, step 1).");
                    }
                    long pid = trail.workers().getFirst();
                    Duration limit = STUBBORN_WORKER_TIMEOUT.plus(NightlyJobHiddenTest.KILL_SLACK);
                    awaitThat("the worker of chunk 0 to be gone", limit, () -> WorkerTrail.stillRunning(List.of(pid)).isEmpty(),
                            () -> "the worker of chunk 0 (pid " + pid + "), which ignores SIGTERM, still ran " + Budgets.describe(limit)
                                    + " after it started, past its timeout of " + Budgets.describe(STUBBORN_WORKER_TIMEOUT)
                                    + ": a request to end is one a worker may ignore. A worker past its deadline is ended without"
                                    + " being asked (lesson, step 4).");

                    // THEN its chunk fails as timed out
                    NightlyReport done;
                    try {
                        done = report.get(NightlyJobHiddenTest.KILL_SLACK.toNanos(), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException stillRunning) {
                        throw new AssertionError("expected the job to return within " + Budgets.describe(NightlyJobHiddenTest.KILL_SLACK)
                                + " of its only worker being killed, but it was still running (lesson, step 4).");
                    }
                    assertFailed(done, 0, ChunkFailure.Kind.TIMED_OUT, "A worker still running at its timeout is killed, and"
                            + " its chunk fails as timed out (lesson, step 4).");
                    assertNoProcessLeft("when the job returned", trail.workers());
                } finally {
                    // a worker the job failed to end must not keep the job's thread waiting for it
                    for (long leftover : WorkerTrail.stillRunning(trail.workers())) {
                        ProcessHandle.of(leftover).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    caller.interrupt();
                    caller.join(Budgets.SETTLE);
                }
            }
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when an attempt breaks down while the other workers run")
    class WhenAnAttemptBreaksDown {

        @CorrectnessCheck(points = 2, onStub = OnStub.PASSES)
        void the_job_fails_at_once_and_no_other_worker_outlives_it() throws Exception {
            // GIVEN three chunks at once: the first an entry the job cannot compute (a null, so its attempt throws),
            // the two others with workers that never answer, and a timeout so far away that only the job can end them
            List<Chunk> chunks = new ArrayList<>();
            chunks.add(null);
            chunks.addAll(quickChunks(3).subList(1, 3));
            try (WorkerTrail trail = WorkerTrail.create()) {
                NightlySettings settings = settings(3).withWorkerTimeout(Budgets.GUARD).withWorkerMainClass(HangingWorker.class)
                        .addingWorkerOptions(trail.options());
                NightlyJob job = new NightlyJob(settings);
                String what = "the nightly job whose first attempt broke down";

                // WHEN
                Throwable failure;
                try {
                    failure = failureWithin(BREAKDOWN_BUDGET, what, () -> job.run(chunks));
                } catch (AssertionError stillRunning) {
                    if (stillRunning.getMessage() == null || !stillRunning.getMessage().startsWith("expected " + what + " to")) {
                        throw stillRunning;
                    }
                    if (stillRunning.getMessage().startsWith("expected " + what + " to fail, but it returned")) {
                        throw new AssertionError("expected the job to fail when the attempt at its first entry (a null) broke down,"
                                + " but it returned a report: an attempt that throws breaks the job down (lesson, step 6).");
                    }
                    int alive = WorkerTrail.stillRunning(trail.workers()).size();
                    throw reworded(stillRunning, "the attempt at the first entry broke down, and the job was still running "
                            + Budgets.describe(BREAKDOWN_BUDGET) + " later, with " + alive + " worker(s) of the other chunks"
                            + " still alive, hung: a job that breaks down stops its other attempts and their workers, instead"
                            + " of waiting for them, before it fails (lesson, step 6).");
                }

                // THEN the job failed, and left no process behind
                assertThat(failure)
                        .withFailMessage("expected the job to fail with an unchecked exception when an attempt broke down, but it"
                                + " threw %s", failure)
                        .isInstanceOf(RuntimeException.class);
                assertNoProcessLeft("when the job failed", trail.workers());
            }
        }
    }
}
