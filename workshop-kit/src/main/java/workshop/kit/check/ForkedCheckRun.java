package workshop.kit.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs checks in a JVM of their own, under a hard time limit, and reads back their outcomes.
 * Whatever the code under test does (loops forever, calls {@code System.exit}, starts processes
 * that never end, prints without end) the run ends on time, the whole process tree is killed, and
 * the captured output is capped.
 *
 * <pre>{@code
 * ForkedCheckRun.Result result = new ForkedCheckRun(classpath, List.of("workshop.sync.SyncDashboardTest"),
 *         Duration.ofMinutes(2), Map.of(), workDir).run();
 * }</pre>
 *
 * @param classpath        the run's class path, the code under test first
 * @param selectors        classes or {@code class#method}s to run
 * @param limit            the longest the whole run may take
 * @param systemProperties passed to the forked JVM as {@code -Dkey=value}
 * @param workDir          the forked JVM's working directory (the report is written there too)
 * @param jvmOptions       more options for the forked JVM, for example {@link #QUICK_COMPILER}
 */
public record ForkedCheckRun(List<Path> classpath, List<String> selectors, Duration limit,
                             Map<String, String> systemProperties, Path workDir, List<String> jvmOptions) {

    /**
     * Compiles with the quick compiler only: about half the CPU time of a run of checks, at the cost of
     * slower code. For every check but those that time computation ({@link TimingCheck#timesComputation()}).
     */
    public static final List<String> QUICK_COMPILER = List.of("-XX:TieredStopAtLevel=1");

    public ForkedCheckRun {
        classpath = List.copyOf(classpath);
        selectors = List.copyOf(selectors);
        systemProperties = Map.copyOf(systemProperties);
        workDir = workDir.toAbsolutePath();
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A run with the JVM's default options. */
    public ForkedCheckRun(List<Path> classpath, List<String> selectors, Duration limit,
                          Map<String, String> systemProperties, Path workDir) {
        this(classpath, selectors, limit, systemProperties, workDir, List.of());
    }

    private static final int OUTPUT_CAP = 64 * 1024;

    /**
     * What a run produced.
     *
     * @param outcomes the checks that started, in order; a check the JVM died in is failed with the reason
     * @param exitCode the forked JVM's exit code (-1 when it was killed at the limit)
     * @param output   the first 64 KiB of its output
     */
    public record Result(List<CheckOutcome> outcomes, int exitCode, String output) {
    }

    public Result run() {
        return run(false);
    }

    /**
     * Lists the selected checks without running any: each outcome is {@link CheckOutcome.Status#SKIPPED}
     * and carries the check's id, name, kind, points and step. Empty when the classes cannot be loaded.
     */
    public List<CheckOutcome> list() {
        return run(true).outcomes();
    }

    private Result run(boolean listOnly) {
        try {
            Files.createDirectories(workDir);
            Path report = workDir.resolve("checks.tsv");
            Files.deleteIfExists(report);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-XX:+UseSerialGC");
            command.add("-Xshare:auto");
            command.addAll(workshop.kit.ModelCheck.JVM_OPTIONS);
            command.addAll(jvmOptions);
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-cp");
            command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            command.add(CheckRunner.class.getName());
            if (listOnly) {
                command.add(CheckRunner.LIST);
            }
            command.add(report.toString());
            command.addAll(selectors);

            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            CappedOutput output = new CappedOutput(process.getInputStream());
            Thread drainer = Thread.ofPlatform().daemon().name("check-run-output").start(output);
            int exitCode = -1;
            if (process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                exitCode = process.exitValue();
            }
            killTree(process.toHandle());
            drainer.join(Duration.ofSeconds(5));
            return new Result(outcomes(report, exitCode), exitCode, output.text());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run checks in " + workDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running checks", e);
        }
    }

    private List<CheckOutcome> outcomes(Path report, int exitCode) throws IOException {
        if (!Files.exists(report)) {
            return List.of();
        }
        String reason = exitCode == -1
                ? "stopped after " + workshop.kit.Budgets.describe(limit) + ", the run's hard limit, while this check was running:"
                  + " the code under test never finished (an endless loop that ignores interrupts?)"
                : "the test JVM ended (exit code " + exitCode + ") while this check was running:"
                  + " the code under test called System.exit or Runtime.halt, or crashed the JVM";
        return CheckOutcome.read(report).stream()
                .map(outcome -> outcome.status() == CheckOutcome.Status.RUNNING
                        ? outcome.with(CheckOutcome.Status.FAILED, reason) : outcome)
                .toList();
    }

    /** Kills a process and everything it started, children first, and waits until they are gone. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // it was killed forcibly; nothing more can be done
            }
        }
    }

    /** Keeps the first bytes of a stream, reads and drops the rest so the writer never blocks. */
    private static final class CappedOutput implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        CappedOutput(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    synchronized (this) {
                        int keep = (int) Math.min(n, OUTPUT_CAP - kept.size());
                        kept.write(buffer, 0, Math.max(keep, 0));
                        dropped += n - Math.max(keep, 0);
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }

        synchronized String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n[... " + dropped + " more bytes of output dropped]";
        }
    }
}
