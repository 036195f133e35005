package workshop.processes.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import workshop.kit.Budgets;
import workshop.trip.nightly.Chunk;

/**
 * A worker that, on the targeted chunk, answers only after the workers of {@value #OTHERS} other
 * chunks have started and ended (as the trail and the process table show), or after
 * {@link Budgets#RENDEZVOUS_WAIT}. So when the job runs chunks at the same time, the targeted
 * chunk finishes last, whatever the machine's speed; on every other chunk it behaves like the real
 * worker.
 */
public final class StragglerWorker {

    /** The system property: how many other chunks' workers it waits for. */
    public static final String OTHERS = "workshop.worker.others";

    /** What it leaves the job after the others have ended, before it answers: the job's time to take their outcomes in. */
    static final Duration AFTER_THE_OTHERS = Budgets.SHORT_LATENCY;

    private StragglerWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Chunk chunk = TestWorker.start();
        if (TestWorker.targets(chunk)) {
            int others = Integer.getInteger(OTHERS, 1);
            Instant giveUp = Instant.now().plus(Budgets.RENDEZVOUS_WAIT);
            while (!othersEnded(chunk, others) && Instant.now().isBefore(giveUp)) {
                Thread.sleep(5);
            }
            Thread.sleep(AFTER_THE_OTHERS);
        }
        TestWorker.answer(chunk);
    }

    private static boolean othersEnded(Chunk chunk, int others) {
        List<Long> otherWorkers = TestWorker.workersOtherThan(chunk);
        return otherWorkers.size() >= others
                && otherWorkers.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
