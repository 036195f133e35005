package workshop.kit.check;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import workshop.kit.Budgets;
import workshop.kit.ModelCheck;

/**
 * A JVM forked to run checks, whatever the code under test does in it: its output is drained and
 * capped so that it never blocks on a full pipe, and {@link #end()} kills it with every process it
 * started. {@link ForkedCheckRun} starts one per run; {@code ./workshop watch} starts one ahead of each run.
 */
public final class ForkedJvm implements AutoCloseable {

    private static final int OUTPUT_CAP = 64 * 1024;

    private final Process process;
    private final CappedOutput output;
    private final Thread drainer;

    private ForkedJvm(Process process) {
        this.process = process;
        this.output = new CappedOutput(process.getInputStream());
        this.drainer = Thread.ofPlatform().daemon().name("forked-jvm-output").start(output);
    }

    /** The command line of a JVM for checks (this JVM's {@code java}, a small heap collector, the model checker's options), up to its main class. */
    public static List<String> command(List<Path> classpath, List<String> jvmOptions, Map<String, String> properties, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.addAll(ModelCheck.JVM_OPTIONS);
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(mainClass);
        return command;
    }

    /** Starts the command in {@code workDir} (created if missing), standard error joined to the output. */
    public static ForkedJvm start(List<String> command, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        return new ForkedJvm(new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start());
    }

    public Process process() {
        return process;
    }

    /** Its exit code, or -1 when it is still running after {@code limit}. */
    public int waitFor(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS) ? process.exitValue() : -1;
    }

    /** Forgets what it printed so far (a warm-up's output). */
    public void forgetOutput() {
        output.restart();
    }

    /** Kills it and everything it started, waits until they are gone, and returns the first 64 KiB it printed. */
    public String end() {
        killTree(process.toHandle());
        try {
            drainer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output.text();
    }

    @Override
    public void close() {
        end();
    }

    /**
     * The checks of a run's report that started, in order; a check the JVM died in (still running
     * when it ended: exit code -1 for the hard limit) fails with the reason.
     */
    public static List<CheckOutcome> outcomes(Path report, int exitCode, Duration limit) throws IOException {
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

    /** Kills a process and everything it started, children first, and waits until they are gone. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle each : tree) {
            try {
                each.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // killed forcibly: the operating system finishes it
            }
        }
    }

    /** Keeps the first bytes a stream gives, and reads and drops the rest so the writer never blocks. */
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
