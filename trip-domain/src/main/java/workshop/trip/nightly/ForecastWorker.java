package workshop.trip.nightly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The nightly job's worker: the main class of a process that computes one chunk.
 *
 * <p>Its contract, which every worker of the job follows:
 * <ol>
 *   <li>it reads one line from its stdin: a {@link Chunk} ({@link Chunk#toLine()});</li>
 *   <li>it computes the chunk, then prints one line on its stdout: a {@link ChunkResult}
 *       ({@link ChunkResult#toLine()}), carrying its own pid and when it computed;</li>
 *   <li>it exits with code 0. Any other exit code means "do not trust my output": 2 when the
 *       input was not a chunk, 1 when the JVM died of an exception. What it says on stderr is
 *       for humans.</li>
 * </ol>
 *
 * <p>It also ends itself, with exit code {@value #EXIT_ORPHANED}, within a second of the process
 * that started it ending: a worker whose parent was killed without a chance to clean up does not
 * run on as an orphan.
 *
 * <p>{@link #compute(Chunk)} is the same work without a process around it, for running in the
 * caller's JVM.
 */
public final class ForecastWorker {

    /** The exit code when stdin held no chunk. */
    public static final int EXIT_BAD_INPUT = 2;

    /** The exit code when the parent process ended first. */
    public static final int EXIT_ORPHANED = 70;

    /** How often the worker checks that its parent still runs. */
    private static final long PARENT_CHECK_MILLIS = 1_000;

    private ForecastWorker() {
    }

    public static void main(String[] args) throws IOException {
        endWithParent();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Chunk chunk;
        try {
            chunk = Chunk.parse(stdin.readLine());
        } catch (IllegalArgumentException e) {
            System.err.println("forecast worker: " + e.getMessage());
            System.exit(EXIT_BAD_INPUT);
            return;
        }
        System.out.println(compute(chunk).toLine());
        System.out.flush();
    }

    /** Computes {@code chunk} in this JVM, recording this process's pid and when the work ran. */
    public static ChunkResult compute(Chunk chunk) {
        Instant started = Instant.now();
        long total = FareForecast.lowestFareTotal(chunk);
        return new ChunkResult(chunk.index(), total, ProcessHandle.current().pid(), started, Instant.now());
    }

    /**
     * Halts this JVM within a second of its parent process ending, watched by a daemon thread.
     * (A plain thread rather than {@code parent.onExit()}: for a process that is not its child,
     * the JDK polls too, and the plain thread costs the worker less start-up.)
     */
    public static void endWithParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watch = new Thread(new Runnable() {
            @Override
            public void run() {
                while (parent.isAlive()) {
                    try {
                        Thread.sleep(PARENT_CHECK_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                Runtime.getRuntime().halt(EXIT_ORPHANED);
            }
        }, "parent watch");
        watch.setDaemon(true);
        watch.start();
    }
}
