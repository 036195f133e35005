package workshop.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import workshop.processes.workers.TestWorker;

/**
 * The trail the test workers leave (see {@link TestWorker}): which processes started on which
 * chunk, and which processes they started. Closing it kills whatever it recorded that still
 * runs, so that one test's leftovers cannot disturb the next, and deletes the folder.
 */
final class WorkerTrail implements AutoCloseable {

    private static final Pattern WORKER = Pattern.compile("worker-(\\d+)-chunk-(\\d+)");
    private static final Pattern CHILD = Pattern.compile("child-(\\d+)");

    private final Path folder;

    private WorkerTrail(Path folder) {
        this.folder = folder;
    }

    static WorkerTrail create() {
        try {
            return new WorkerTrail(Files.createTempDirectory("nightly-trail-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Worker JVM options that make every chunk's worker misbehave. */
    List<String> options() {
        return List.of("-D" + TestWorker.TRAIL + "=" + folder);
    }

    /** Worker JVM options that make only the worker of chunk {@code target} misbehave. */
    List<String> optionsTargeting(int target) {
        return List.of("-D" + TestWorker.TRAIL + "=" + folder, "-D" + TestWorker.TARGET + "=" + target);
    }

    /** The pids of the workers started on {@code chunk}, in no particular order. */
    List<Long> workersOf(int chunk) {
        return entries(WORKER).stream().filter(m -> Integer.parseInt(m.group(2)) == chunk)
                .map(m -> Long.parseLong(m.group(1))).toList();
    }

    /** The pids of every worker started so far. */
    List<Long> workers() {
        return entries(WORKER).stream().map(m -> Long.parseLong(m.group(1))).toList();
    }

    /** The pids of the processes the workers started. */
    List<Long> children() {
        return entries(CHILD).stream().map(m -> Long.parseLong(m.group(1))).toList();
    }

    /** Of {@code pids}, those whose process still runs. */
    static List<Long> stillRunning(List<Long> pids) {
        return pids.stream().filter(pid -> ProcessHandle.of(pid).map(WorkerTrail::isRunning).orElse(false)).toList();
    }

    /**
     * Whether {@code process} still runs. A process that was killed but not yet reaped (a zombie)
     * does not: reaping a killed worker's orphaned children is the system's job, and some systems
     * (containers whose first process is not an init) take their time or never do it.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        try {
            String line = Files.readString(stat);
            return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException notLinuxOrGone) {
            return process.isAlive();
        }
    }

    @Override
    public void close() {
        List<Long> recorded = new ArrayList<>(workers());
        recorded.addAll(children());
        for (long pid : stillRunning(recorded)) {
            ProcessHandle.of(pid).ifPresent(process -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            });
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary folder; the system cleans it up eventually
        }
    }

    private List<Matcher> entries(Pattern pattern) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> pattern.matcher(file.getFileName().toString())).filter(Matcher::matches).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
