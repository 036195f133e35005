package workshop.processes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkOutcome;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

/**
 * The nightly fare forecast as it stands after step 4 of the lesson (a state on the way from
 * the stub to the reference, for the instructor's walk through the steps).
 */
public final class NightlyJob {

    private final NightlySettings settings;

    public NightlyJob(NightlySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Computes every chunk in worker processes, at most {@code settings.workers()} at once. */
    public NightlyReport run(List<Chunk> chunks) throws InterruptedException {
        Semaphore slots = new Semaphore(settings.workers(), true);
        try (ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChunkOutcome>> pending = new ArrayList<>();
            for (Chunk chunk : chunks) {
                pending.add(attempts.submit(() -> computeInSlot(chunk, slots)));
            }
            List<ChunkOutcome> outcomes = new ArrayList<>();
            for (Future<ChunkOutcome> outcome : pending) {
                try {
                    outcomes.add(outcome.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the nightly job broke down: " + e.getCause(), e.getCause());
                }
            }
            return new NightlyReport(outcomes);
        }
    }

    private ChunkOutcome computeInSlot(Chunk chunk, Semaphore slots) throws InterruptedException {
        slots.acquire();
        try {
            return WorkerProcess.attempt(chunk, settings);
        } finally {
            slots.release();
        }
    }
}
