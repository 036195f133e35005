package workshop.processes.workers;

import sun.misc.Signal;
import sun.misc.SignalHandler;
import workshop.trip.nightly.Chunk;

/**
 * A worker that ignores SIGTERM, the polite request to end that {@code destroy()} sends on Linux and
 * macOS, and then never answers: only SIGKILL ends it. It ignores the signal before it leaves its trail,
 * so a worker the test has seen start is one that a polite request cannot end.
 */
public final class TermIgnoringWorker {

    private TermIgnoringWorker() {
    }

    public static void main(String[] args) {
        Signal.handle(new Signal("TERM"), SignalHandler.SIG_IGN);
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            TestWorker.hang();
        }
        TestWorker.answer(chunk);
    }
}
