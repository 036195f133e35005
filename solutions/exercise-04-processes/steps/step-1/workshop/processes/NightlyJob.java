package workshop.processes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkOutcome;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

/**
 * The nightly fare forecast as it stands after step 1 of the lesson (a state on the way from
 * the stub to the reference, for the instructor's walk through the steps).
 */
public final class NightlyJob {

    private final NightlySettings settings;

    public NightlyJob(NightlySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Computes every chunk in a worker process, one after another. */
    public NightlyReport run(List<Chunk> chunks) throws InterruptedException {
        List<ChunkOutcome> outcomes = new ArrayList<>();
        for (Chunk chunk : chunks) {
            outcomes.add(WorkerProcess.attempt(chunk, settings));
        }
        return new NightlyReport(outcomes);
    }
}
