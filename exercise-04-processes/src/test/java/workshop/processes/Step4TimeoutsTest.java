package workshop.processes;

import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.processes.JobChecks.assertFailed;
import static workshop.processes.JobChecks.assertNoProcessLeft;
import static workshop.processes.JobChecks.quickChunks;
import static workshop.processes.JobChecks.runWithin;
import static workshop.processes.JobChecks.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.processes.workers.SpawningWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkFailure;
import workshop.trip.nightly.NightlyReport;

@Step(4)
@DisplayName("Step 4: timeouts")
class Step4TimeoutsTest {

    /** The worker timeout of a hung worker: several times a worker's start-up, short enough to keep the checks quick. */
    static final Duration WORKER_TIMEOUT = Budgets.scaled(500);

    /** The worker timeout when the worker must first start a process of its own: room for its start-up and the child's launch. */
    static final Duration SPAWNING_WORKER_TIMEOUT = Budgets.scaled(800);

    /** The job must be back within the hung worker's timeout plus this. */
    static final Duration KILL_SLACK = Budgets.SLACK;

    @Nested
    @DisplayName("when a worker starts a process of its own and then hangs")
    class WhenAWorkerWithAChildHangs {

        @TimingCheck(points = 3)
        void it_is_killed_with_its_child_after_its_timeout_and_its_chunk_fails_as_timed_out() throws Exception {
            // GIVEN the worker starts a process that does not end with it, then never answers
            List<Chunk> chunks = quickChunks(1);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(1).withWorkerTimeout(SPAWNING_WORKER_TIMEOUT)
                        .withWorkerMainClass(SpawningWorker.class).addingWorkerOptions(trail.options());

                // WHEN
                Timed<NightlyReport> run;
                try {
                    run = runWithin(SPAWNING_WORKER_TIMEOUT.plus(KILL_SLACK), settings, chunks);
                } catch (AssertionError stuck) {
                    throw reworded(stuck, stuck.getMessage() + " Its worker, which started a process of its own, hangs;"
                            + " the limit is its timeout (" + Budgets.describe(SPAWNING_WORKER_TIMEOUT) + ") plus "
                            + Budgets.describe(KILL_SLACK) + " to kill the tree and be back (lesson, step 4).");
                }

                // THEN
                assertFailed(run.value(), 0, ChunkFailure.Kind.TIMED_OUT,
                        "Wait for a worker no longer than its timeout; a worker still running then is killed, and its chunk"
                                + " fails as timed out (lesson, step 4).");
                assertTookAtLeast(run.took(), SPAWNING_WORKER_TIMEOUT, "the hung worker gets its whole timeout before it is killed");
                List<Long> started = new ArrayList<>(trail.workers());
                started.addAll(trail.children());   // empty only when the machine was too busy for the worker to get that far
                assertNoProcessLeft("when the job returned", started);
            }
        }
    }
}
