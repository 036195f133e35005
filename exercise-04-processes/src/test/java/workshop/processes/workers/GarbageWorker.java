package workshop.processes.workers;

import workshop.trip.nightly.Chunk;

/**
 * A worker that exits with 0 but prints something that is not its result: by default a line of
 * text, or whatever the system property {@value #SAYS}{@code .<chunk index>} holds (an empty
 * value: nothing at all).
 */
public final class GarbageWorker {

    /** The system property prefix: {@code workshop.worker.says.2} is what the worker of chunk 2 prints. */
    public static final String SAYS = "workshop.worker.says";

    /** What it prints by default. */
    public static final String DEFAULT_SAYING = "fares look cheap tomorrow, trust me";

    private GarbageWorker() {
    }

    /** The worker option that makes the worker of {@code chunk} print {@code saying}. */
    public static String saying(int chunk, String saying) {
        return "-D" + SAYS + "." + chunk + "=" + saying;
    }

    public static void main(String[] args) {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            String says = System.getProperty(SAYS + "." + chunk.index(), DEFAULT_SAYING);
            if (!says.isEmpty()) {
                System.out.println(says);
            }
            return;
        }
        TestWorker.answer(chunk);
    }
}
