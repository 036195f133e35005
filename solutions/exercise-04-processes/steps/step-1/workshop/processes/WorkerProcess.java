package workshop.processes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkOutcome;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.NightlySettings;

/**
 * One attempt at one chunk, as it stands after step 1 of the lesson (a state on the way from the
 * stub to the reference, for the instructor's walk through the steps).
 */
final class WorkerProcess {

    private WorkerProcess() {
    }

    /** {@code <this JVM's java> <worker options> -cp <this JVM's class path> <worker main class>}. */
    static List<String> command(NightlySettings settings) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("the path of this JVM's java binary is unknown on this system")));
        command.addAll(settings.workerOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(settings.workerMainClass());
        return command;
    }

    /** Computes {@code chunk} in a new worker process. */
    static ChunkOutcome attempt(Chunk chunk, NightlySettings settings) throws InterruptedException {
        Process worker;
        try {
            worker = new ProcessBuilder(command(settings)).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a worker: " + e.getMessage(), e);
        }
        send(chunk, worker.getOutputStream());
        String stdout;
        try {
            stdout = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the worker's output: " + e.getMessage(), e);
        }
        int exitCode = worker.waitFor();
        if (exitCode != 0) {
            throw new IllegalStateException("the worker of chunk " + chunk.index() + " exited with " + exitCode);
        }
        return ChunkResult.fromWorkerOutput(chunk, stdout);
    }

    /** Writes the chunk and closes stdin. A worker that died before reading it breaks the pipe: its exit code will tell. */
    private static void send(Chunk chunk, OutputStream stdin) {
        try (stdin) {
            stdin.write((chunk.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException brokenPipe) {
            // judged by the exit code
        }
    }

    /** Kills the worker and every process it started, and waits until they are gone. */
    static void destroyTree(Process worker) {
        throw new UnsupportedOperationException("Step 4: kill the worker with its descendants, see README, step 4");
    }
}
