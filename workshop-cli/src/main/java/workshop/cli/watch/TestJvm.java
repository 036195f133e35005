package workshop.cli.watch;

import java.io.IOException;
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
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.CheckRunner;
import workshop.kit.check.ForkedCheckRun;
import workshop.kit.check.ForkedJvm;

/**
 * A JVM for exactly one test run, started ahead of it (see {@link StandbyRunner}). The run has a hard
 * time limit, and when it ends, however it ends, the JVM is killed with every process it started
 * (the kit's {@link ForkedJvm}). It reports what the kit's {@link ForkedCheckRun} reports, the same way.
 */
final class TestJvm {

    /** How often a run looks whether the step it runs first has ended. */
    private static final Duration STEP_LOOK = Duration.ofMillis(25);

    private final ForkedJvm jvm;
    private final Path workDir;

    private TestJvm(ForkedJvm jvm, Path workDir) {
        this.jvm = jvm;
        this.workDir = workDir;
    }

    /**
     * Starts a JVM that warms up and then waits for its run.
     *
     * @param classpath   the run's class path; the folder with {@link StandbyRunner} is added to it
     * @param launcher    the folder with {@link StandbyRunner}'s class
     * @param warmUpClass a test class in {@code launcher} to warm up with (blank: none)
     */
    static TestJvm start(List<Path> classpath, Path launcher, String warmUpClass, Map<String, String> properties, Path workDir) {
        List<Path> entries = new ArrayList<>(classpath);
        entries.add(launcher);
        List<String> command = ForkedJvm.command(entries, List.of(), properties, StandbyRunner.class.getName());
        command.add(warmUpClass);
        try {
            // A JVM takes a class path folder that is missing when it starts for a jar, and never finds a class in it.
            for (Path entry : entries) {
                if (!entry.getFileName().toString().endsWith(".jar")) {
                    Files.createDirectories(entry);
                }
            }
            return new TestJvm(ForkedJvm.start(command, workDir), workDir);
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
            jvm.forgetOutput();
            int exitCode = -1;
            List<String> arguments = new ArrayList<>();
            if (step > 0) {
                arguments.addAll(List.of(CheckRunner.STEP_FIRST, String.valueOf(step)));
            }
            arguments.add(report.toString());
            arguments.addAll(selectors);
            try {
                OutputStream go = jvm.process().getOutputStream();
                go.write((String.join("\t", arguments) + "\n").getBytes(StandardCharsets.UTF_8));
                go.close();
            } catch (IOException ended) {
                // it ended before the run started: its exit code and output say why
            }
            long deadline = System.nanoTime() + limit.toNanos();
            boolean stepJudged = step <= 0;
            boolean ended = false;
            while (!ended && System.nanoTime() < deadline) {
                ended = jvm.process().waitFor(Math.min(STEP_LOOK.toNanos(), deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!stepJudged && Files.exists(stepDone)) {
                    stepJudged = true;
                    onStep.accept(new TestRuns.StepVerdict(CheckOutcome.read(report).stream().filter(outcome -> outcome.step() == step).toList(),
                            tookOf(stepDone)));
                }
            }
            if (ended) {
                exitCode = jvm.process().exitValue();
            }
            String output = jvm.end();
            return new ForkedCheckRun.Result(ForkedJvm.outcomes(report, exitCode, limit), exitCode, output);
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
        jvm.end();
    }
}
