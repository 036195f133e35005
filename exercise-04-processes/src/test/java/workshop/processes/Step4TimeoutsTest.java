package workshop.processes;

import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.processes.JobChecks.assertFailed;
import static workshop.processes.JobChecks.assertNoProcessLeft;
import static workshop.processes.JobChecks.quickChunks;
import static workshop.processes.JobChecks.runWithin;
import static workshop.processes.JobChecks.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.processes.workers.HangingWorker;
import workshop.processes.workers.SpawningWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkFailure;
import workshop.trip.nightly.NightlyReport;

@Step(4)
@DisplayName("Step 4: timeouts")
class Step4TimeoutsTest {

    /** The worker timeout of these checks: several times a worker's start-up, short enough to keep the checks quick. */
    static final Duration WORKER_TIMEOUT = Budgets.scaled(600);

    /** The worker timeout when the worker must first start a process of its own: room for two start-ups. */
    static final Duration SPAWNING_WORKER_TIMEOUT = Budgets.CALL_TIMEOUT;

    /** The job must be back within the hung worker's timeout plus this. */
    static final Duration KILL_SLACK = Budgets.SLACK;

    @Nested
    @DisplayName("when a worker hangs")
    class WhenAWorkerHangs {

        @TimingCheck(points = 2)
        void it_is_killed_after_its_timeout_and_its_chunk_fails_as_timed_out() throws Exception {
            // GIVEN the worker never answers
            List<Chunk> chunks = quickChunks(1);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(1).withWorkerTimeout(WORKER_TIMEOUT)
                        .withWorkerMainClass(HangingWorker.class).addingWorkerOptions(trail.options());

                // WHEN
                Timed<NightlyReport> run = runWithin(WORKER_TIMEOUT.plus(KILL_SLACK), settings, chunks);

                // THEN
                assertFailed(run.value(), 0, ChunkFailure.Kind.TIMED_OUT,
                        "Wait for the worker with process.waitFor(timeout, unit); when it returns false, kill the worker"
                                + " and report ChunkFailure.timedOut(chunk.index(), timeout).");
                assertTookAtLeast(run.took(), WORKER_TIMEOUT, "the hung worker gets its whole timeout before it is killed");
                assertNoProcessLeft("when the job returned", trail.workers());
            }
        }
    }

    @Nested
    @DisplayName("when a hung worker has started a process of its own")
    class WhenAHungWorkerHasAChild {

        @CorrectnessCheck(points = 2)
        void the_worker_and_its_child_are_both_killed() throws Exception {
            // GIVEN the worker of chunk 0 starts a process that never ends, then hangs
            List<Chunk> chunks = quickChunks(1);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(1).withWorkerTimeout(SPAWNING_WORKER_TIMEOUT)
                        .withWorkerMainClass(SpawningWorker.class).addingWorkerOptions(trail.options());

                // WHEN
                NightlyReport report = runWithin(SPAWNING_WORKER_TIMEOUT.plus(KILL_SLACK), settings, chunks).value();

                // THEN
                assertFailed(report, 0, ChunkFailure.Kind.TIMED_OUT,
                        "A worker that does not exit within its timeout is killed and its chunk reported as timed out.");
                Assumptions.assumeFalse(trail.children().isEmpty(), "skipped: the worker was killed before it could start its"
                        + " child, so there was no child to check; on a machine this busy, run with -Dworkshop.time.factor=2");
                List<Long> started = new ArrayList<>(trail.workers());
                started.addAll(trail.children());
                assertNoProcessLeft("when the job returned", started);
            }
        }
    }
}
