package workshop.processes.workers;

import java.io.PrintStream;
import workshop.trip.nightly.Chunk;

/**
 * A worker that writes {@value #FLOOD_BYTES} bytes of warnings on stderr before it answers: far
 * more than a pipe holds (64 KiB on Linux, 4 KiB on some systems). Until someone reads its
 * stderr, its next write blocks, and it never gets to print its result.
 */
public final class FloodingWorker {

    /** How much it writes on stderr. */
    public static final int FLOOD_BYTES = 1024 * 1024;

    private FloodingWorker() {
    }

    public static void main(String[] args) {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            PrintStream stderr = System.err;
            String line = "warning: fare feed for chunk " + chunk.index() + " is stale, using yesterday's fares ...";
            for (int written = 0; written < FLOOD_BYTES; written += line.length() + 1) {
                stderr.println(line);
            }
            stderr.flush();
        }
        TestWorker.answer(chunk);
    }
}
