package workshop.processes.workers;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import workshop.trip.nightly.Chunk;

/**
 * A worker that starts a process of its own (a {@link Lingerer}, which never ends) and then hangs.
 * The child inherits the worker's stdout and stderr, so the worker's pipes stay open for as long
 * as the child lives, even after the worker itself is gone.
 */
public final class SpawningWorker {

    private SpawningWorker() {
    }

    public static void main(String[] args) throws IOException {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            Process child = new ProcessBuilder(TestWorker.javaCommand(Lingerer.class))
                    .redirectInput(Redirect.PIPE).redirectOutput(Redirect.INHERIT).redirectError(Redirect.INHERIT)
                    .start();
            TestWorker.leaveChild(child.pid());
            TestWorker.hang();
        }
        TestWorker.answer(chunk);
    }
}
