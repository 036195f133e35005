package workshop.processes;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.processes.JobChecks.JOB_BUDGET;
import static workshop.processes.JobChecks.assertComputedInWorkers;
import static workshop.processes.JobChecks.assertCorrectResults;
import static workshop.processes.JobChecks.assertInChunkOrder;
import static workshop.processes.JobChecks.runWithin;
import static workshop.processes.JobChecks.settings;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.processes.workers.MeetingWorker;
import workshop.processes.workers.StragglerWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.FareForecast;
import workshop.trip.nightly.NightlyReport;

@Step(2)
@DisplayName("Step 2: several workers at once")
class Step2SeveralWorkersTest {

    /** Worker options for a {@link StragglerWorker} that waits for the workers of {@code others} other chunks to end. */
    static List<String> stragglingBehind(int others) {
        return List.of("-D" + StragglerWorker.OTHERS + "=" + others);
    }

    /** Worker options for {@link MeetingWorker}s that wait for {@code workers} of them to have started. */
    static List<String> meetingOf(int workers) {
        return List.of("-D" + MeetingWorker.MEETING + "=" + workers,
                "-D" + MeetingWorker.WAIT_MILLIS + "=" + Budgets.RENDEZVOUS_WAIT.toMillis());
    }

    @Nested
    @DisplayName("when the job has more chunks than workers")
    class WhenTheJobHasMoreChunksThanWorkers {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void every_chunk_gets_its_correct_result_in_chunk_order() throws Exception {
            // GIVEN the worker of chunk 0 answers only after the workers of chunks 1 and 2 have ended
            List<Chunk> chunks = JobChecks.quickChunks(3);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(2).withWorkerMainClass(StragglerWorker.class)
                        .addingWorkerOptions(trail.optionsTargeting(0)).addingWorkerOptions(stragglingBehind(2));

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN
                assertCorrectResults(report, chunks);
                assertInChunkOrder(report, chunks);
            }
        }
    }

    @Nested
    @DisplayName("when there are as many workers as chunks")
    class WhenThereAreAsManyWorkersAsChunks {

        @TimingCheck(points = 2)
        void the_workers_compute_at_the_same_time() throws Exception {
            // GIVEN workers that each wait until both have started (or RENDEZVOUS_WAIT has passed) before they compute
            List<Chunk> chunks = FareForecast.plan(20, 2, JobChecks.QUICK_SCENARIOS);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(2).withWorkerMainClass(MeetingWorker.class)
                        .addingWorkerOptions(trail.options()).addingWorkerOptions(meetingOf(2));

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN each worker says when it worked, on the wall clock every process shares
                assertCorrectResults(report, chunks);
                assertComputedInWorkers(report);
                ChunkResult first = report.results().get(0);
                ChunkResult second = report.results().get(1);
                assertThat(first.overlaps(second))
                        .withFailMessage("expected the two workers to run at the same time, but chunk %d's worker ran from %s to %s"
                                + " and chunk %d's from %s to %s: the second started after the first had ended. Start every"
                                + " worker (up to settings.workers()) before waiting for any of them (lesson, step 2).",
                                first.chunkIndex(), first.started(), first.finished(), second.chunkIndex(), second.started(), second.finished())
                        .isTrue();
            }
        }
    }
}
