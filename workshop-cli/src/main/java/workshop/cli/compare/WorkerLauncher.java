package workshop.cli.compare;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import workshop.trip.nightly.NightlySettings;

/**
 * Starts the lab's own worker processes: JVMs on this JVM's class path that read their input on
 * stdin and print their answer on stdout. Plain on purpose: none of the timeouts, retries and
 * clean-up exercise 04 teaches, beyond killing every worker still alive when the run ends (a
 * failure, or the lab's time limit).
 */
final class WorkerLauncher implements AutoCloseable {

    private final Queue<Process> started = new ConcurrentLinkedQueue<>();

    /** Runs every job, at most {@code alive} at once, each on a virtual thread; the answers in the jobs' order. */
    <T> List<T> atMost(int alive, List<Callable<T>> jobs) throws Exception {
        Semaphore slots = new Semaphore(alive);
        List<T> answers = new ArrayList<>();
        try (ExecutorService launchers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> pending = new ArrayList<>();
            for (Callable<T> job : jobs) {
                pending.add(launchers.submit(() -> {
                    slots.acquire();
                    try {
                        return job.call();
                    } finally {
                        slots.release();
                    }
                }));
            }
            try {
                for (Future<T> answer : pending) {
                    answers.add(answer.get());
                }
            } finally {
                close();   // none is alive any more when every job went well
            }
        }
        return answers;
    }

    /**
     * Runs {@code mainClass} with {@code args} in a new JVM, hands it {@code input} on stdin and
     * returns what it printed (stdout and stderr together).
     *
     * @throws IllegalStateException when the worker exits with another code than 0
     */
    String run(String mainClass, List<String> args, String input) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("the path of this JVM's java binary is unknown on this system")));
        command.addAll(NightlySettings.DEFAULT_WORKER_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(worker);
        try (Writer stdin = new OutputStreamWriter(worker.getOutputStream(), StandardCharsets.UTF_8)) {
            stdin.write(input);
        }
        String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = worker.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("a worker process exited with code " + exit + ": "
                    + output.lines().reduce((first, second) -> second).orElse("it printed nothing"));
        }
        return output;
    }

    /** Kills every worker still alive. */
    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
    }
}
