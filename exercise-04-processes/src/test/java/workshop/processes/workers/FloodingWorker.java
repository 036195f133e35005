package workshop.processes.workers;

import java.io.PrintStream;
import workshop.trip.nightly.Chunk;

/**
 * A worker that writes {@value #FLOOD_BYTES} bytes of warnings on stderr before it answers: far
 * more than a pipe holds (64 KiB on Linux, 4 KiB on some systems). Until someone reads its
 * stderr, its next write blocks, and it never gets to print its result. With {@value #BOTH_PIPES}
 * set to {@code true} it also prints as much progress on stdout, line by line between the warnings:
 * a parent that reads one pipe to its end before it reads the other waits forever.
 */
public final class FloodingWorker {

    /** How much it writes on stderr (and on stdout, when asked to). */
    public static final int FLOOD_BYTES = 1024 * 1024;

    /** The system property that makes it flood stdout too. */
    public static final String BOTH_PIPES = "workshop.worker.floodsBothPipes";

    private FloodingWorker() {
    }

    public static void main(String[] args) {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            PrintStream stderr = System.err;
            boolean bothPipes = Boolean.getBoolean(BOTH_PIPES);
            String warning = "warning: fare feed for chunk " + chunk.index() + " is stale, using yesterday's fares ...";
            String progress = "progress: chunk " + chunk.index() + " route batch done, still computing ............";
            for (int written = 0; written < FLOOD_BYTES; written += warning.length() + 1) {
                stderr.println(warning);
                if (bothPipes) {
                    System.out.println(progress);
                }
            }
            stderr.flush();
            System.out.flush();
        }
        TestWorker.answer(chunk);
    }
}
