package workshop.processes.workers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import workshop.kit.Budgets;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.FareForecast;

/**
 * A worker that pays its whole start-up before it reports starting: it warms its compiler up on
 * small chunks (and everything else it is about to use) and lets it settle, then waits at the start
 * line until {@value MeetingWorker#MEETING} workers are ready (or {@value MeetingWorker#WAIT_MILLIS}
 * milliseconds have passed), and only then records {@code started} and computes its chunk. So the
 * time between the first worker's {@code started} and the last one's {@code finished} is the
 * workers' computing alone, comparable with threads in a warm JVM.
 */
public final class StartLineWorker {

    /** Small chunks the worker computes first, so that its compiler has made the hot loop fast. */
    private static final Chunk WARM_UP = new Chunk(0, 0, 1, 40);
    private static final int WARM_UP_ROUNDS = 200;

    /** A pause after the warm-up, for the compiler threads to finish what it queued. */
    private static final Duration COMPILER_SETTLING = Budgets.scaled(20);

    private StartLineWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Chunk chunk = TestWorker.start();
        File trail = new File(System.getProperty(TestWorker.TRAIL));
        int meeting = Integer.getInteger(MeetingWorker.MEETING, 2);
        long sink = ready(trail) + Instant.now().getNano();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            sink += FareForecast.lowestFareTotal(WARM_UP);
        }
        Thread.sleep(COMPILER_SETTLING);
        Instant giveUp = Instant.now().plus(Duration.ofMillis(Long.getLong(MeetingWorker.WAIT_MILLIS, 5_000)));
        leaveReady(trail.toPath());
        while (ready(trail) < meeting && Instant.now().isBefore(giveUp)) {
            Thread.sleep(1);
        }
        Instant started = Instant.now();
        long total = FareForecast.lowestFareTotal(chunk);
        ChunkResult result = new ChunkResult(chunk.index(), total, ProcessHandle.current().pid(), started, Instant.now());
        System.out.println(result.toLine());
        System.err.println("warm-up checksum " + sink);
    }

    private static void leaveReady(Path trail) {
        try {
            Files.createFile(trail.resolve("ready-" + ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many workers are ready; a plain array of names, cheap to ask again and again. */
    private static int ready(File trail) {
        String[] names = trail.list();
        int ready = 0;
        for (String name : names == null ? new String[0] : names) {
            if (name.startsWith("ready-")) {
                ready++;
            }
        }
        return ready;
    }
}
