package workshop.processes;

import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.processes.JobChecks.assertComputedInWorkers;
import static workshop.processes.JobChecks.assertCorrectResults;
import static workshop.processes.JobChecks.quickChunks;
import static workshop.processes.JobChecks.runWithin;
import static workshop.processes.JobChecks.settings;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.processes.workers.FloodingWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.NightlyReport;

@Step(3)
@DisplayName("Step 3: pipes")
class Step3PipesTest {

    /** A quick worker that writes 1 MiB on stderr: start-up plus a few milliseconds of copying, with room to spare. */
    static final Duration FLOOD_BUDGET = Budgets.times(5, Budgets.SLACK);

    @Nested
    @DisplayName("when a worker writes a lot on stderr")
    class WhenAWorkerFloodsStderr {

        @CorrectnessCheck(points = 2)
        void the_job_still_gets_every_result() throws Exception {
            // GIVEN a worker that writes 1 MiB on stderr before it answers
            List<Chunk> chunks = quickChunks(1);
            var settings = settings(1).withWorkerMainClass(FloodingWorker.class);

            // WHEN
            NightlyReport report;
            try {
                report = runWithin(FLOOD_BUDGET, settings, chunks).value();
            } catch (AssertionError stuck) {
                throw reworded(stuck, stuck.getMessage() + " Here the worker writes " + FloodingWorker.FLOOD_BYTES
                        + " bytes on stderr; a pipe holds 64 KiB. Once it is full, the worker's next write waits until"
                        + " someone reads, so it never prints its result and never exits. Read stderr while the worker"
                        + " runs, on a thread of its own, or send it elsewhere than a pipe (lesson, step 3).");
            }

            // THEN
            assertCorrectResults(report, chunks);
            assertComputedInWorkers(report);
        }
    }
}
