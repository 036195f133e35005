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
import workshop.trip.nightly.ChunkFailure;
import workshop.trip.nightly.ChunkOutcome;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

/**
 * The nightly fare forecast: computes every chunk in a worker process of its own, several at
 * once, and reports one outcome per chunk in chunk order.
 *
 * <p>Use it for CPU-heavy work that must be isolated from the caller: a worker that crashes,
 * hangs or runs out of memory costs its chunk, never the caller's JVM. For CPU work without that
 * need, threads in one JVM do the same on every core for less (README, step 7).
 *
 * <pre>{@code
 * NightlyReport report = new NightlyJob(NightlySettings.defaults()).run(FareForecast.plan(400, 8, 1_000));
 * report.failures().forEach(failure -> log.warn(failure.message()));
 * }</pre>
 *
 * <p><b>Invariants:</b> never more than {@link NightlySettings#workers()} workers are alive at
 * once; a chunk whose worker crashed or printed no result is tried once more in a fresh worker,
 * a chunk whose worker timed out is not; when {@link #run} returns or throws, no process it
 * started is still running.
 *
 * <p><b>Memory effects:</b> everything a worker's outcome holds happens-before {@link #run}
 * returns it.
 *
 * <p><b>Interruption:</b> if the calling thread is interrupted while the job runs, every worker
 * is killed with its descendants, and then {@link InterruptedException} is thrown.
 *
 * <p><b>Breakdown:</b> if an attempt throws (a bug, not anything a worker does), the other attempts
 * are interrupted and their workers killed, and then an {@link IllegalStateException} is thrown.
 */
public final class NightlyJob {

    private final NightlySettings settings;

    public NightlyJob(NightlySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Computes every chunk in worker processes.
     *
     * @return one outcome per chunk, in the order of {@code chunks}
     * @throws InterruptedException if interrupted; no worker outlives the call
     */
    public NightlyReport run(List<Chunk> chunks) throws InterruptedException {
        Semaphore slots = new Semaphore(settings.workers(), true);
        try (ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChunkOutcome>> pending = new ArrayList<>();
            for (Chunk chunk : chunks) {
                pending.add(attempts.submit(() -> computeRetryingOnce(chunk, slots)));
            }
            try {
                List<ChunkOutcome> outcomes = new ArrayList<>();
                for (Future<ChunkOutcome> outcome : pending) {
                    outcomes.add(outcome.get());   // in chunk order, whatever order they finish in
                }
                return new NightlyReport(outcomes);
            } catch (InterruptedException e) {
                attempts.shutdownNow();   // each attempt kills its worker tree on its way out; close() waits for that
                throw e;
            } catch (ExecutionException e) {
                attempts.shutdownNow();
                throw new IllegalStateException("the nightly job broke down: " + e.getCause(), e.getCause());
            }
        }
    }

    private ChunkOutcome computeRetryingOnce(Chunk chunk, Semaphore slots) throws InterruptedException {
        ChunkOutcome first = computeInSlot(chunk, slots);
        if (first instanceof ChunkFailure failure && failure.kind() != ChunkFailure.Kind.TIMED_OUT) {
            ChunkOutcome second = computeInSlot(chunk, slots);
            return second instanceof ChunkFailure again ? again.afterAttempts(2) : second;
        }
        return first;
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
