package workshop.processes.workers;

import java.time.Duration;
import java.time.Instant;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.FareForecast;

/**
 * A worker that waits, before it computes, until {@value #MEETING} workers (itself included)
 * have started, as their trail shows, or until {@value #WAIT_MILLIS} milliseconds have passed.
 * The time it reports as {@code started} is when it arrived at the meeting.
 *
 * <p>When the job runs that many workers at once, each one's reported interval contains the
 * moment the last of them arrived: the intervals overlap however slow or busy the machine is.
 * When the job runs them one after another, the first one waits in vain, finishes alone, and the
 * next one arrives after it has gone.
 */
public final class MeetingWorker {

    /** The system property: how many workers must meet. */
    public static final String MEETING = "workshop.worker.meeting";

    /** The system property: how long a worker waits for the others, in milliseconds. */
    public static final String WAIT_MILLIS = "workshop.worker.meetingWaitMillis";

    private MeetingWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Instant arrived = Instant.now();   // before its trail shows it: every other worker sees it arrive after this
        Chunk chunk = TestWorker.start();
        int meeting = Integer.getInteger(MEETING, 2);
        Instant giveUp = arrived.plus(Duration.ofMillis(Long.getLong(WAIT_MILLIS, 5_000)));
        while (TestWorker.workersSoFar() < meeting && Instant.now().isBefore(giveUp)) {
            Thread.sleep(2);
        }
        long total = FareForecast.lowestFareTotal(chunk);
        ChunkResult result = new ChunkResult(chunk.index(), total, ProcessHandle.current().pid(), arrived, Instant.now());
        System.out.println(result.toLine());
    }
}
