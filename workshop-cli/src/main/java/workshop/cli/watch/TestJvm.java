package workshop.cli.watch;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import workshop.kit.Budgets;
import workshop.kit.ModelCheck;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.CheckRunner;
import workshop.kit.check.ForkedCheckRun;

/**
 * A JVM for exactly one test run, started ahead of it (see {@link StandbyRunner}). The run has a hard
 * time limit, its output is capped, and when it ends, however it ends, the JVM is killed with every
 * process it started. It reports what the kit's {@link ForkedCheckRun} reports, the same way.
 */
final class TestJvm {

    private static final int OUTPUT_CAP = 64 * 1024;
    /** How often a run looks whether the step it runs first has ended. */
    private static final Duration STEP_LOOK = Duration.ofMillis(25);

    private final Process process;
    private final CappedOutput output;
    private final Thread drainer;
    private final Path workDir;

    private TestJvm(Process process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
        this.output = new CappedOutput(process.getInputStream());
        this.drainer = Thread.ofPlatform().daemon().name("watch-test-output").start(output);
    }

    /**
     * Starts a JVM that warms up and then waits for its run.
     *
     * @param classpath   the run's class path; the folder with {@link StandbyRunner} is added to it
     * @param launcher    the folder with {@link StandbyRunner}'s class
     * @param warmUpClass a test class in {@code launcher} to warm up with (blank: none)
     */
    static TestJvm start(List<Path> classpath, Path launcher, String warmUpClass, Map<String, String> properties, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.addAll(ModelCheck.JVM_OPTIONS);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        List<Path> entries = new ArrayList<>(classpath);
        entries.add(launcher);
        command.add(entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(StandbyRunner.class.getName());
        command.add(warmUpClass);
        try {
            // A JVM takes a class path folder that is missing when it starts for a jar, and never finds a class in it.
            for (Path entry : entries) {
                if (!entry.getFileName().toString().endsWith(".jar")) {
                    Files.createDirectories(entry);
                }
            }
            Files.createDirectories(workDir);
            return new TestJvm(new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start(), workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test JVM", e);
        }
    }

    /**
     * Runs the selected test classes; the JVM is gone when it returns or throws. With a step (above 0)
     * that step's checks run first, and {@code onStep} gets their outcomes as soon as they have all
     * ended, on the calling thread, while the others run.
     *
     * @throws InterruptedException when interrupted, after killing the JVM and all it started
     */
    ForkedCheckRun.Result run(List<String> selectors, int step, Consumer<TestRuns.StepVerdict> onStep, Duration limit)
            throws InterruptedException {
        try {
            Path report = workDir.resolve("checks.tsv");
            Path stepDone = CheckRunner.stepDone(report);
            Files.deleteIfExists(report);
            Files.deleteIfExists(stepDone);
            output.restart();
            int exitCode = -1;
            List<String> arguments = new ArrayList<>();
            if (step > 0) {
                arguments.addAll(List.of(CheckRunner.STEP_FIRST, String.valueOf(step)));
            }
            arguments.add(report.toString());
            arguments.addAll(selectors);
            try {
                OutputStream go = process.getOutputStream();
                go.write((String.join("\t", arguments) + "\n").getBytes(StandardCharsets.UTF_8));
                go.close();
            } catch (IOException ended) {
                // it ended before the run started: its exit code and output say why
            }
            long deadline = System.nanoTime() + limit.toNanos();
            boolean stepJudged = step <= 0;
            boolean ended = false;
            while (!ended && System.nanoTime() < deadline) {
                ended = process.waitFor(Math.min(STEP_LOOK.toNanos(), deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!stepJudged && Files.exists(stepDone)) {
                    stepJudged = true;
                    onStep.accept(new TestRuns.StepVerdict(CheckOutcome.read(report).stream().filter(outcome -> outcome.step() == step).toList(),
                            tookOf(stepDone)));
                }
            }
            if (ended) {
                exitCode = process.exitValue();
            }
            kill();
            drainer.join(Duration.ofSeconds(5));
            return new ForkedCheckRun.Result(outcomes(report, exitCode, limit), exitCode, output.text());
        } catch (IOException e) {
            kill();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
    }

    /** How long the step's checks took, as the run wrote it beside its report. */
    private static Duration tookOf(Path stepDone) throws IOException {
        String[] fields = Files.readString(stepDone).strip().split("\t");
        return fields.length > 1 ? Duration.ofMillis(Long.parseLong(fields[1])) : Duration.ZERO;
    }

    /** Kills the JVM and every process it started, and waits until they are gone. */
    void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle each : tree) {
            try {
                each.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // killed forcibly: the operating system finishes it
            }
        }
        try {
            drainer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The checks that started, in order; a check the JVM died in fails with the reason, as the kit's forked runs say it. */
    private static List<CheckOutcome> outcomes(Path report, int exitCode, Duration limit) throws IOException {
        if (!Files.exists(report)) {
            return List.of();
        }
        String reason = exitCode == -1
                ? "stopped after " + Budgets.describe(limit) + ", the run's hard limit, while this check was running:"
                  + " the code under test never finished (an endless loop that ignores interrupts?)"
                : "the test JVM ended (exit code " + exitCode + ") while this check was running:"
                  + " the code under test called System.exit or Runtime.halt, or crashed the JVM";
        return CheckOutcome.read(report).stream()
                .map(outcome -> outcome.status() == CheckOutcome.Status.RUNNING ? outcome.with(CheckOutcome.Status.FAILED, reason) : outcome)
                .toList();
    }

    /** Keeps the first bytes a stream gives after {@link #restart()}, and reads and drops the rest so the writer never blocks. */
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
                        int keep = Math.max(0, Math.min(n, OUTPUT_CAP - kept.size()));
                        kept.write(buffer, 0, keep);
                        dropped += n - keep;
                    }
                }
            } catch (IOException killed) {
                // the stream ends with the process
            }
        }

        /** Forgets what the warm-up printed. */
        synchronized void restart() {
            kept.reset();
            dropped = 0;
        }

        synchronized String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n[... " + dropped + " more bytes of output dropped]";
        }
    }
}
