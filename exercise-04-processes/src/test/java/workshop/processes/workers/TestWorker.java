package workshop.processes.workers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ForecastWorker;

/**
 * What the tests' workers share. Each of them is a main class that the job starts exactly as it
 * starts the real {@link ForecastWorker} (the test selects it with
 * {@code NightlySettings.withWorkerMainClass}); each misbehaves in its own way on the chunk the
 * test targets, and behaves like the real worker on every other chunk.
 *
 * <p>They read two system properties, which the test passes through the job's worker options:
 * {@value #TRAIL} (a folder where each worker leaves a file naming its chunk and pid, so that the
 * test can count attempts and check that those processes are gone) and {@value #TARGET} (the
 * index of the chunk to misbehave on; every chunk when absent).
 */
public final class TestWorker {

    /** The folder where workers leave their trail. */
    public static final String TRAIL = "workshop.worker.trail";

    /** The index of the chunk a worker misbehaves on. */
    public static final String TARGET = "workshop.worker.target";

    private TestWorker() {
    }

    /** Reads this worker's chunk from stdin and leaves its trail; exits like the real worker when there is none. */
    static Chunk start() {
        ForecastWorker.endWithParent();
        Chunk chunk;
        try {
            chunk = Chunk.parse(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("test worker: " + e.getMessage());
            System.exit(ForecastWorker.EXIT_BAD_INPUT);
            throw new IllegalStateException("unreachable");
        }
        leave("worker-" + ProcessHandle.current().pid() + "-chunk-" + chunk.index());
        return chunk;
    }

    /** Whether {@code chunk} is the one this worker is asked to misbehave on. */
    static boolean targets(Chunk chunk) {
        String target = System.getProperty(TARGET);
        return target == null || target.isBlank() || Integer.parseInt(target) == chunk.index();
    }

    /** How many workers have started on {@code chunk} so far, this one included. */
    static int attemptsSoFar(Chunk chunk) {
        Path trail = trail();
        if (trail == null) {
            return 1;
        }
        try (var files = Files.list(trail)) {
            return (int) files.filter(file -> file.getFileName().toString().endsWith("-chunk-" + chunk.index())).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many workers have started so far, on any chunk, this one included. */
    static int workersSoFar() {
        Path trail = trail();
        if (trail == null) {
            return 1;
        }
        try (var files = Files.list(trail)) {
            return (int) files.filter(file -> file.getFileName().toString().startsWith("worker-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pids of the workers started so far on chunks other than {@code chunk}. */
    static List<Long> workersOtherThan(Chunk chunk) {
        Path trail = trail();
        if (trail == null) {
            return List.of();
        }
        try (var files = Files.list(trail)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("worker-") && !name.endsWith("-chunk-" + chunk.index()))
                    .map(name -> Long.parseLong(name.substring("worker-".length(), name.indexOf("-chunk-"))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records a process this worker started. */
    static void leaveChild(long pid) {
        leave("child-" + pid);
    }

    /** What the real worker does: compute and print the result. */
    static void answer(Chunk chunk) {
        System.out.println(ForecastWorker.compute(chunk).toLine());
        System.out.flush();
    }

    /** Never returns (until the process is killed). */
    static void hang() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // nobody interrupts a hung worker
            }
        }
    }

    /** The command that starts {@code mainClass} in a new JVM with this JVM's class path. */
    static List<String> javaCommand(Class<?> mainClass) {
        return List.of(ProcessHandle.current().info().command().orElseThrow(), "-XX:+UseSerialGC", "-Xint",
                "-cp", System.getProperty("java.class.path"), mainClass.getName());
    }

    private static Path trail() {
        String folder = System.getProperty(TRAIL);
        return folder == null || folder.isBlank() ? null : Path.of(folder);
    }

    private static void leave(String name) {
        Path trail = trail();
        if (trail != null) {
            try {
                Files.createFile(trail.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
