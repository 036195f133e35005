package workshop.processes.workers;

import workshop.trip.nightly.Chunk;

/** A worker that reads its chunk and then never answers and never exits. */
public final class HangingWorker {

    private HangingWorker() {
    }

    public static void main(String[] args) {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            TestWorker.hang();
        }
        TestWorker.answer(chunk);
    }
}
