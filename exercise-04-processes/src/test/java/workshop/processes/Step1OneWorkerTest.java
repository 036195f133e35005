package workshop.processes;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.processes.JobChecks.JOB_BUDGET;
import static workshop.processes.JobChecks.assertComputedInWorkers;
import static workshop.processes.JobChecks.assertCorrectResults;
import static workshop.processes.JobChecks.quickChunks;
import static workshop.processes.JobChecks.runWithin;
import static workshop.processes.JobChecks.settings;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestMethodOrder;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.processes.workers.TracingWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.NightlyReport;

@Step(1)
@DisplayName("Step 1: one chunk, one worker process")
class Step1OneWorkerTest {

    @Nested
    @DisplayName("when the job has one chunk")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    class WhenTheJobHasOneChunk {

        @CorrectnessCheck(points = 2)
        void it_is_computed_in_a_worker_process_not_in_this_JVM() throws Exception {
            // GIVEN
            List<Chunk> chunks = quickChunks(1);

            // WHEN
            NightlyReport report = runWithin(JOB_BUDGET, settings(1), chunks).value();

            // THEN
            assertCorrectResults(report, chunks);
            assertComputedInWorkers(report);
        }

        @CorrectnessCheck(points = 1)
        void the_worker_is_the_settings_main_class_started_with_the_settings_options() throws Exception {
            // GIVEN a worker that leaves a trail in the folder its options name
            List<Chunk> chunks = quickChunks(1);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(1).withWorkerMainClass(TracingWorker.class).addingWorkerOptions(trail.options());

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN
                assertCorrectResults(report, chunks);
                ChunkResult result = report.results().getFirst();
                assertThat(trail.workersOf(0))
                        .withFailMessage("expected the worker of chunk 0 to be %s started with the options %s (it then leaves a"
                                + " trail naming its pid %d), but it left %s. The worker's command comes from the settings:"
                                + " their main class and options (lesson, step 1).", TracingWorker.class.getName(), settings.workerOptions(),
                                result.pid(), trail.workersOf(0).isEmpty() ? "no trail" : "the trail " + trail.workersOf(0))
                        .containsExactly(result.pid());
            }
        }
    }
}
