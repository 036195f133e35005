package workshop.processes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkOutcome;
import workshop.trip.nightly.ForecastWorker;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

/**
 * The nightly fare forecast: computes every chunk and reports one outcome per chunk, in chunk
 * order.
 *
 * <p>Today it computes the chunks one after another, in the caller's JVM: correct, slow, and not
 * isolated (a chunk that crashes, hangs or eats all memory takes the caller down with it). Your
 * job (README, steps 1 to 6): compute each chunk in a worker process, several at once, and make
 * sure that whatever a worker does, the job ends on time and leaves no process behind.
 */
public final class NightlyJob {

    private final NightlySettings settings;

    public NightlyJob(NightlySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Computes every chunk.
     *
     * @return one outcome per chunk, in the order of {@code chunks}
     * @throws InterruptedException if interrupted (step 6)
     */
    public NightlyReport run(List<Chunk> chunks) throws InterruptedException {
        List<ChunkOutcome> outcomes = new ArrayList<>();
        for (Chunk chunk : chunks) {
            // Step 1: compute the chunk in a worker process instead: WorkerProcess.attempt(chunk, settings).
            // Step 2: start up to settings.workers() workers at once, and still return the outcomes in chunk order.
            // Step 5: a chunk whose worker crashed or printed no result gets one more try in a fresh worker.
            outcomes.add(ForecastWorker.compute(chunk));
        }
        return new NightlyReport(outcomes);
    }
}
