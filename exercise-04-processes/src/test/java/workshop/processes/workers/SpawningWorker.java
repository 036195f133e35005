package workshop.processes.workers;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import workshop.trip.nightly.Chunk;

/**
 * A worker that starts a process of its own (a {@link Lingerer}, which does not end with it) and
 * then hangs. The child inherits the worker's stdout and stderr, so the worker's pipes stay open
 * for as long as the child lives, even after the worker itself is gone.
 */
public final class SpawningWorker {

    private SpawningWorker() {
    }

    public static void main(String[] args) throws IOException {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            long job = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
            List<String> command = new ArrayList<>(TestWorker.javaCommand(Lingerer.class));
            command.add(String.valueOf(job));
            Process child = new ProcessBuilder(command)
                    .redirectInput(Redirect.PIPE).redirectOutput(Redirect.INHERIT).redirectError(Redirect.INHERIT)
                    .start();
            try {
                TestWorker.leaveChild(child.pid());
            } catch (RuntimeException trailGone) {
                child.destroyForcibly();   // the check has ended already: a child nobody knows of must not run on
                throw trailGone;
            }
            TestWorker.hang();
        }
        TestWorker.answer(chunk);
    }
}
