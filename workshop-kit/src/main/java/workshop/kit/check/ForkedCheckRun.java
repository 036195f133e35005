package workshop.kit.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
            List<String> command = ForkedJvm.command(classpath, jvmOptions, systemProperties, CheckRunner.class.getName());
            if (listOnly) {
                command.add(CheckRunner.LIST);
            }
            command.add(report.toString());
            command.addAll(selectors);
            try (ForkedJvm jvm = ForkedJvm.start(command, workDir)) {
                int exitCode = jvm.waitFor(limit);
                String output = jvm.end();
                return new Result(ForkedJvm.outcomes(report, exitCode, limit), exitCode, output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run checks in " + workDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running checks", e);
        }
    }
}
