package workshop.processes.workers;

import workshop.trip.nightly.Chunk;

/**
 * A worker that prints {@value #CHATTER_BYTES} bytes of progress on stdout before its result: a
 * parent that waits for the exit before reading stdout waits forever, because the worker waits
 * for someone to read.
 */
public final class ChattyWorker {

    /** How much progress it prints before the result line. */
    public static final int CHATTER_BYTES = 1024 * 1024;

    private ChattyWorker() {
    }

    public static void main(String[] args) {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            String line = "progress: chunk " + chunk.index() + " route batch done, still computing ...";
            for (int written = 0; written < CHATTER_BYTES; written += line.length() + 1) {
                System.out.println(line);
            }
        }
        TestWorker.answer(chunk);
    }
}
