package workshop.processes;

import java.util.List;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkOutcome;
import workshop.trip.nightly.NightlySettings;

/**
 * One attempt at one chunk: a worker process started, fed its chunk on stdin, drained, waited for
 * with a timeout, judged by its exit code and its stdout, and killed with its descendants if it
 * overstays. Fill it in step by step (README, steps 1, 3, 4 and 5).
 */
final class WorkerProcess {

    private WorkerProcess() {
    }

    /**
     * The command that starts a worker: {@code <this JVM's java> <worker options> -cp <this JVM's
     * class path> <worker main class>}.
     */
    static List<String> command(NightlySettings settings) {
        // Step 1: ProcessHandle.current().info().command() is this JVM's java binary;
        //         System.getProperty("java.class.path") is its class path.
        throw new UnsupportedOperationException("Step 1: build the worker's command line, see README, step 1");
    }

    /**
     * Computes {@code chunk} in a new worker process.
     *
     * @return the worker's {@code ChunkResult}, or a {@code ChunkFailure} saying why there is none
     * @throws InterruptedException if interrupted while the worker runs (kill it first, step 6)
     */
    static ChunkOutcome attempt(Chunk chunk, NightlySettings settings) throws InterruptedException {
        // Step 1: start the worker, write chunk.toLine() and a line break on its stdin and close it, read its stdout,
        //         wait for it to exit, check the exit code, and read the result: ChunkResult.fromWorkerOutput(chunk, stdout).
        // Step 3: read stdout and stderr while the worker runs, each on a thread of its own.
        // Step 4: wait with a timeout; kill the worker and its descendants when it is up.
        // Step 5: a non-zero exit code or output without a result is a ChunkFailure, not an exception.
        throw new UnsupportedOperationException("Step 1: start a worker process for the chunk, see README, step 1");
    }

    /**
     * Kills the worker and every process it started, and waits, with a bound, until the worker is gone:
     * the one end the JDK learns at once (the end of a process the worker started is known only
     * seconds later). See README, step 4.
     */
    static void destroyTree(Process worker) {
        throw new UnsupportedOperationException("Step 4: kill the worker with its descendants, see README, step 4");
    }
}
