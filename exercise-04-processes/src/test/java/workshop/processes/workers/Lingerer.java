package workshop.processes.workers;

/** The child of a {@link SpawningWorker}: a process that never ends on its own. */
public final class Lingerer {

    private Lingerer() {
    }

    public static void main(String[] args) {
        TestWorker.hang();
    }
}
