package workshop.processes.workers;

import workshop.trip.nightly.Chunk;

/**
 * A worker that prints a result and then crashes with exit code {@value #EXIT_CODE}, writing why
 * on stderr. A result from a process that did not exit with 0 cannot be trusted: it may have died
 * half way through, and its output may be stale or partial.
 *
 * <p>With {@value #CRASHES} set to n, it crashes on the first n attempts at its chunk only.
 */
public final class CrashingWorker {

    /** Its exit code when it crashes. */
    public static final int EXIT_CODE = 3;

    /** The system property: on how many attempts at the chunk it crashes (every attempt when absent). */
    public static final String CRASHES = "workshop.worker.crashes";

    /** The last line it writes on stderr before crashing. */
    public static final String LAST_WORDS = "simulated crash: the fare table was corrupt";

    private CrashingWorker() {
    }

    public static void main(String[] args) {
        Chunk chunk = TestWorker.start();
        int crashes = Integer.getInteger(CRASHES, Integer.MAX_VALUE);
        if (TestWorker.targets(chunk) && TestWorker.attemptsSoFar(chunk) <= crashes) {
            TestWorker.answer(chunk);
            new IllegalStateException("fare table checksum mismatch").printStackTrace();
            System.err.println(LAST_WORDS);
            System.exit(EXIT_CODE);
        }
        TestWorker.answer(chunk);
    }
}
