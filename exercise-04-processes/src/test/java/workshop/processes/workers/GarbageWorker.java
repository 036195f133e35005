package workshop.processes.workers;

import workshop.trip.nightly.Chunk;

/**
 * A worker that exits with 0 but prints something that is not its result: by default a line of
 * text, or whatever the system property {@value #SAYS} holds (an empty value: nothing at all).
 */
public final class GarbageWorker {

    /** The system property: what it prints instead of its result. */
    public static final String SAYS = "workshop.worker.says";

    /** What it prints by default. */
    public static final String DEFAULT_SAYING = "fares look cheap tomorrow, trust me";

    private GarbageWorker() {
    }

    public static void main(String[] args) {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            String says = System.getProperty(SAYS, DEFAULT_SAYING);
            if (!says.isEmpty()) {
                System.out.println(says);
            }
            return;
        }
        TestWorker.answer(chunk);
    }
}
