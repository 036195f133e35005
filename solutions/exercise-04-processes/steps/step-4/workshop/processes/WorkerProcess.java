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
 * One attempt at one chunk, as it stands after step 4 of the lesson (a state on the way from the
 * stub to the reference, for the instructor's walk through the steps).
 */
final class WorkerProcess {

    private static final int STDOUT_KEPT = 64 * 1024;
    private static final int STDERR_KEPT = 2 * 1024;
    private static final Duration PIPES_CLOSING = Duration.ofSeconds(1);
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

    /** Computes {@code chunk} in a new worker process, within the settings' timeout. */
    static ChunkOutcome attempt(Chunk chunk, NightlySettings settings) throws InterruptedException {
        Process worker;
        try {
            worker = new ProcessBuilder(command(settings)).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a worker: " + e.getMessage(), e);
        }
        try {
            PipeReader stdout = PipeReader.start(worker.getInputStream(), STDOUT_KEPT, "worker " + worker.pid() + " stdout");
            PipeReader stderr = PipeReader.start(worker.getErrorStream(), STDERR_KEPT, "worker " + worker.pid() + " stderr");
            send(chunk, worker.getOutputStream());
            if (!worker.waitFor(settings.workerTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                destroyTree(worker);
                return ChunkFailure.timedOut(chunk.index(), settings.workerTimeout());
            }
            int exitCode = worker.exitValue();
            if (exitCode != 0) {
                throw new IllegalStateException("the worker of chunk " + chunk.index() + " exited with " + exitCode + ": "
                        + lastLine(stderr.text(PIPES_CLOSING)));
            }
            return ChunkResult.fromWorkerOutput(chunk, stdout.text(PIPES_CLOSING));
        } finally {
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
