package workshop.processes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkFailure;
import workshop.trip.nightly.ChunkOutcome;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.NightlySettings;

/**
 * One attempt at one chunk: a worker process started, fed its chunk on stdin, drained, waited for
 * with a timeout, judged by its exit code and its stdout, and killed with its descendants if it
 * overstays.
 *
 * <p>Use {@link #attempt} from any thread; each call starts its own process. Nothing is shared
 * between attempts.
 *
 * <pre>{@code
 * ChunkOutcome outcome = WorkerProcess.attempt(chunk, settings);
 * }</pre>
 *
 * <p><b>Invariant:</b> when {@code attempt} returns or throws, the worker it started has ended, and every
 * process the worker started that was still running has been killed (only the worker's end is waited for).
 * Both pipes the worker writes to are read while it runs, so a worker can never block on a full
 * pipe.
 *
 * <p><b>Memory effects:</b> everything the worker printed is read by reader threads; joining
 * them makes it visible to the thread that judges the outcome.
 *
 * <p><b>Interruption:</b> if the calling thread is interrupted while the worker runs, the worker
 * and its descendants are killed and {@link InterruptedException} is thrown.
 *
 * <p><b>Killing:</b> a worker is killed without being asked ({@code destroyForcibly()}, SIGKILL), so that
 * one that ignores SIGTERM dies all the same.
 */
final class WorkerProcess {

    /** How much of a worker's stdout is kept: the result is its last line. */
    private static final int STDOUT_KEPT = 64 * 1024;

    /** How much of a worker's stderr is kept for the failure's detail. */
    private static final int STDERR_KEPT = 2 * 1024;

    /** How long the pipes may stay open after the worker exits (they stay open while a process it started lives on). */
    private static final Duration PIPES_CLOSING = Duration.ofSeconds(1);

    /** How long to wait for a killed worker to be gone: it is this JVM's child, reaped the moment it dies. */
    private static final Duration KILLED_GONE = Duration.ofMillis(500);

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

    /**
     * Computes {@code chunk} in a new worker process.
     *
     * @return the worker's {@link ChunkResult}, or a {@link ChunkFailure} (one attempt) saying
     *         why there is none; never throws for anything the worker does
     * @throws InterruptedException if interrupted while the worker runs (it is killed first)
     */
    static ChunkOutcome attempt(Chunk chunk, NightlySettings settings) throws InterruptedException {
        Process worker;
        try {
            worker = new ProcessBuilder(command(settings)).start();
        } catch (IOException e) {
            return ChunkFailure.notStarted(chunk.index(), e.getMessage());
        }
        try {
            // Both pipes are drained from the start: a worker blocks once a pipe's buffer (64 KiB) is full.
            PipeReader stdout = PipeReader.start(worker.getInputStream(), STDOUT_KEPT, "worker " + worker.pid() + " stdout");
            PipeReader stderr = PipeReader.start(worker.getErrorStream(), STDERR_KEPT, "worker " + worker.pid() + " stderr");
            send(chunk, worker.getOutputStream());

            if (!worker.waitFor(settings.workerTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                destroyTree(worker);
                return ChunkFailure.timedOut(chunk.index(), settings.workerTimeout());
            }
            int exitCode = worker.exitValue();
            if (exitCode != 0) {
                return ChunkFailure.crashed(chunk.index(), exitCode, lastLine(stderr.text(PIPES_CLOSING)));
            }
            try {
                return ChunkResult.fromWorkerOutput(chunk, stdout.text(PIPES_CLOSING));
            } catch (IllegalArgumentException e) {
                return ChunkFailure.malformedOutput(chunk.index(), exitCode, e.getMessage());
            }
        } finally {
            // Normally the worker has ended by now; after an interrupt or an unexpected error it has not.
            destroyTree(worker);
        }
    }

    /** Writes the chunk and closes stdin. A worker that died before reading it breaks the pipe: its exit code will tell. */
    private static void send(Chunk chunk, OutputStream stdin) {
        try (stdin) {
            stdin.write((chunk.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException brokenPipe) {
            // judged by the exit code
        }
    }

    /**
     * Kills the worker and every process it started, and waits (boundedly) until the worker is gone.
     * The tree is listed while the worker still lives: once it is dead, its children belong to
     * another parent and are out of reach. The worker dies first, so that it cannot start another
     * child after the list was taken.
     */
    static void destroyTree(Process worker) {
        List<ProcessHandle> descendants = worker.descendants().toList();
        worker.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        // Only the worker, this JVM's child, is waited for: it is reaped the moment it dies; a descendant's end is polled
        // for by the JDK, seconds late. join() is not interruptible: the worker is gone before we return, even after an interrupt.
        worker.onExit().completeOnTimeout(worker, KILLED_GONE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    /** Reads a pipe to its end on a virtual thread of its own, keeping only its last bytes. */
    private static final class PipeReader {

        private final int kept;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Thread reader;

        private PipeReader(int kept) {
            this.kept = kept;
        }

        static PipeReader start(InputStream pipe, int kept, String name) {
            PipeReader reader = new PipeReader(kept);
            reader.reader = Thread.ofVirtual().name(name).start(() -> reader.drain(pipe));
            return reader;
        }

        private void drain(InputStream pipe) {
            byte[] bytes = new byte[8192];
            try (pipe) {
                for (int n; (n = pipe.read(bytes)) != -1; ) {
                    synchronized (this) {
                        buffer.write(bytes, 0, n);
                        if (buffer.size() > 2 * kept) {
                            byte[] all = buffer.toByteArray();
                            buffer.reset();
                            buffer.write(all, all.length - kept, kept);
                        }
                    }
                }
            } catch (IOException closed) {
                // the worker was killed: what was read so far is all there is
            }
        }

        /** What was read, once the pipe has closed or {@code wait} has passed. */
        String text(Duration wait) throws InterruptedException {
            reader.join(wait);
            synchronized (this) {
                byte[] all = buffer.toByteArray();
                int from = Math.max(0, all.length - kept);
                return new String(all, from, all.length - from, StandardCharsets.UTF_8);
            }
        }
    }
}
