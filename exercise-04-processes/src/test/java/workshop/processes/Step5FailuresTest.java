package workshop.processes;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.processes.JobChecks.JOB_BUDGET;
import static workshop.processes.JobChecks.assertComputedInWorkers;
import static workshop.processes.JobChecks.assertCorrectResult;
import static workshop.processes.JobChecks.assertFailed;
import static workshop.processes.JobChecks.quickChunks;
import static workshop.processes.JobChecks.runWithin;
import static workshop.processes.JobChecks.settings;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.processes.workers.CrashingWorker;
import workshop.processes.workers.GarbageWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkFailure;
import workshop.trip.nightly.NightlyReport;

@Step(5)
@DisplayName("Step 5: failure isolation")
class Step5FailuresTest {

    @Nested
    @DisplayName("when a worker crashes")
    class WhenAWorkerCrashes {

        @CorrectnessCheck(points = 2)
        void only_its_chunk_fails_with_the_chunk_and_the_exit_code() throws Exception {
            // GIVEN the worker of chunk 1 prints a result, then exits with code 3
            List<Chunk> chunks = quickChunks(2);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(2).withWorkerMainClass(CrashingWorker.class).addingWorkerOptions(trail.optionsTargeting(1));

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN
                assertCorrectResult(report, chunks.get(0));
                assertComputedInWorkers(report);
                ChunkFailure failure = assertFailed(report, 1, ChunkFailure.Kind.CRASHED,
                        "A worker that did not exit with 0 may have died half way, so its output cannot be trusted: its"
                                + " exit code decides before its output does (lesson, step 5).");
                assertThat(failure.exitCode())
                        .withFailMessage("expected the failure of chunk 1 to carry the worker's exit code %d, but it carries %s",
                                CrashingWorker.EXIT_CODE, failure.exitCode())
                        .hasValue(CrashingWorker.EXIT_CODE);
            }
        }

        @CorrectnessCheck(points = 1)
        void its_chunk_is_tried_once_more_in_a_fresh_worker() throws Exception {
            // GIVEN the worker of chunk 0 crashes on its first attempt only
            List<Chunk> chunks = quickChunks(1);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(1).withWorkerMainClass(CrashingWorker.class)
                        .addingWorkerOptions(trail.optionsTargeting(0)).addingWorkerOptions(List.of("-D" + CrashingWorker.CRASHES + "=1"));

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN
                assertCorrectResult(report, chunks.getFirst(), "A chunk whose worker crashed or printed no result gets one"
                        + " more try in a fresh worker (lesson, step 5)");
                assertComputedInWorkers(report);
                assertThat(trail.workersOf(0))
                        .withFailMessage("expected 2 workers for chunk 0 (the first crashed, the second worked), but %d started."
                                + " A chunk whose worker crashed or printed no result gets one more try in a fresh worker"
                                + " (lesson, step 5).", trail.workersOf(0).size())
                        .hasSize(2);
            }
        }
    }

    @Nested
    @DisplayName("when a worker prints garbage")
    class WhenAWorkerPrintsGarbage {

        @CorrectnessCheck(points = 1)
        void its_chunk_fails_as_malformed_output_instead_of_the_job_throwing() throws Exception {
            // GIVEN the worker of chunk 0 exits with 0 after printing a line that is not a result
            List<Chunk> chunks = quickChunks(2);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(2).withWorkerMainClass(GarbageWorker.class).addingWorkerOptions(trail.optionsTargeting(0));

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN
                ChunkFailure failure = assertFailed(report, 0, ChunkFailure.Kind.MALFORMED_OUTPUT,
                        "Output that holds no result fails that chunk alone, as malformed output, and never the whole job"
                                + " (lesson, step 5).");
                assertThat(failure.exitCode()).as("the garbage worker's exit code").hasValue(0);
                assertCorrectResult(report, chunks.get(1));
            }
        }
    }
}
