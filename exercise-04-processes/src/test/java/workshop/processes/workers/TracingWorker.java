package workshop.processes.workers;

import workshop.trip.nightly.Chunk;

/** A worker that behaves like the real one and leaves a trail. */
public final class TracingWorker {

    private TracingWorker() {
    }

    public static void main(String[] args) {
        Chunk chunk = TestWorker.start();
        TestWorker.answer(chunk);
    }
}
