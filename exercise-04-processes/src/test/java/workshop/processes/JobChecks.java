package workshop.processes;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import workshop.kit.Budgets;
import workshop.kit.WorkshopAssertions;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkFailure;
import workshop.trip.nightly.ChunkOutcome;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.FareForecast;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

/** What the exercise's checks share: settings, budgets and the assertions that teach. */
final class JobChecks {

    /** The budget of a job whose workers all behave: far above what it needs, so only a hang overruns it. */
    static final Duration JOB_BUDGET = Budgets.GUARD;

    /** How long killed processes get to be gone after the job returns: killing takes a moment, waiting for it is the fix. */
    static final Duration LEFTOVER_GRACE = Budgets.scaled(500);

    /** How often the checks look again while they wait for something to happen. */
    static final Duration POLL = Budgets.scaled(10);

    /** Scenarios per route for a chunk that takes about a millisecond: the job's cost is then the workers' start-up. */
    static final int QUICK_SCENARIOS = 5;

    private JobChecks() {
    }

    /**
     * Worker JVM options for the checks' tiny chunks: no compiler at all, so that a worker starts
     * sooner and costs the cores less (the comparison and the speed-up use the default options).
     */
    static final List<String> QUICK_START = List.of("-Xint");

    /** Default settings with {@code workers} workers, the default (generous) timeout and {@link #QUICK_START}. */
    static NightlySettings settings(int workers) {
        return NightlySettings.defaults().withWorkers(workers).addingWorkerOptions(QUICK_START);
    }

    /** {@code count} quick chunks of 10 routes each. */
    static List<Chunk> quickChunks(int count) {
        return FareForecast.plan(10 * count, count, QUICK_SCENARIOS);
    }

    /**
     * Runs the job, failing the check if it is still running after {@code budget}. The message says what
     * ran at that moment (the job's threads and where they waited, the processes alive) and, for a budget
     * under the hang guard, when the job ended after all: a late job is told from a stuck one.
     */
    static WorkshopAssertions.Timed<NightlyReport> runWithin(Duration budget, NightlySettings settings, List<Chunk> chunks)
            throws Exception {
        NightlyJob job = new NightlyJob(settings);
        Duration watchLonger = budget.compareTo(Budgets.GUARD) < 0 ? Budgets.SETTLE : Duration.ZERO;
        return WorkshopAssertions.timedWithin(budget, watchLonger, "the nightly job of " + chunks.size() + " chunk(s)", () -> job.run(chunks));
    }

    /**
     * Asserts that the report has one outcome per chunk, each chunk's correct result. Outcomes are
     * found by chunk index, so only the check about order ({@link #assertInChunkOrder}) depends on it:
     * code that reports in the order its workers finish loses that check, whichever worker wins the race.
     */
    static void assertCorrectResults(NightlyReport report, List<Chunk> chunks) {
        assertThat(report.outcomes())
                .withFailMessage("expected one outcome per chunk (%d), but got %d: %s",
                        chunks.size(), report.outcomes().size(), report.outcomes())
                .hasSize(chunks.size());
        for (Chunk chunk : chunks) {
            assertCorrectResult(report, chunk);
        }
    }

    /** Asserts that the outcomes come in the order of the chunks. */
    static void assertInChunkOrder(NightlyReport report, List<Chunk> chunks) {
        List<Integer> expected = chunks.stream().map(Chunk::index).toList();
        List<Integer> reported = report.outcomes().stream().map(ChunkOutcome::chunkIndex).toList();
        assertThat(reported)
                .withFailMessage("expected the outcomes in chunk order %s, but they came in the order %s."
                        + " Report the outcomes in the order of the chunks, whichever worker finishes first (lesson, step 2).", expected, reported)
                .isEqualTo(expected);
    }

    /** Asserts that the report holds the correct result of {@code chunk}. */
    static void assertCorrectResult(NightlyReport report, Chunk chunk) {
        assertCorrectResult(report, chunk, "");
    }

    /** Asserts that the report holds the correct result of {@code chunk}; {@code idea} ends the message of a failed chunk. */
    static void assertCorrectResult(NightlyReport report, Chunk chunk, String idea) {
        ChunkOutcome outcome = outcomeOf(report, chunk.index());
        if (outcome instanceof ChunkFailure failure) {
            fail("expected a result for chunk " + chunk.index() + ", but it failed: " + failure.message()
                    + (idea.isEmpty() ? "" : ". " + idea));
        }
        ChunkResult result = (ChunkResult) outcome;
        assertThat(result.lowestFareTotal())
                .withFailMessage("expected chunk %d's lowest fare total to be %d, but it is %d",
                        chunk.index(), FareForecast.lowestFareTotal(chunk), result.lowestFareTotal())
                .isEqualTo(FareForecast.lowestFareTotal(chunk));
    }

    /** The outcome the report gives for chunk {@code index}; fails the check when it has none. */
    static ChunkOutcome outcomeOf(NightlyReport report, int index) {
        return report.outcomes().stream().filter(o -> o.chunkIndex() == index).findFirst()
                .orElseThrow(() -> new AssertionError("expected an outcome for chunk " + index + ", but the report has none: "
                        + report.outcomes()));
    }

    /** Asserts that every result was computed by a process other than this JVM. */
    static void assertComputedInWorkers(NightlyReport report) {
        long self = ProcessHandle.current().pid();
        for (ChunkResult result : report.results()) {
            assertThat(result.pid())
                    .withFailMessage("expected chunk %d to be computed in a worker process, but it was computed by pid %d,"
                            + " this JVM: compute each chunk in a worker process of its own, which gets the chunk on its"
                            + " stdin and prints its result on its stdout (lesson, step 1).", result.chunkIndex(), self)
                    .isNotEqualTo(self);
        }
    }

    /** Asserts that the report holds a failure of {@code kind} for {@code chunk}, and returns it. */
    static ChunkFailure assertFailed(NightlyReport report, int chunk, ChunkFailure.Kind kind, String fix) {
        ChunkOutcome outcome = outcomeOf(report, chunk);
        if (!(outcome instanceof ChunkFailure failure) || failure.kind() != kind) {
            throw new AssertionError("expected chunk " + chunk + " to fail as " + kind + ", but its outcome is " + outcome + ". " + fix);
        }
        return failure;
    }

    /**
     * Asserts that no process started by the job runs any more: not this JVM's children, nor any
     * of {@code recorded} (processes the workers reported, which are no longer this JVM's
     * descendants once their parent is dead).
     */
    static void assertNoProcessLeft(String when, List<Long> recorded) {
        awaitThat(when, LEFTOVER_GRACE, () -> ProcessHandle.current().descendants().noneMatch(WorkerTrail::isRunning)
                && WorkerTrail.stillRunning(recorded).isEmpty(), () -> {
            List<String> left = ProcessHandle.current().descendants().filter(WorkerTrail::isRunning)
                    .map(p -> "pid " + p.pid() + p.info().commandLine().map(c -> " (" + abbreviate(c) + ")").orElse(""))
                    .toList();
            List<Long> orphans = WorkerTrail.stillRunning(recorded).stream()
                    .filter(pid -> ProcessHandle.current().descendants().noneMatch(p -> p.pid() == pid)).toList();
            List<String> problems = new ArrayList<>();
            if (!left.isEmpty()) {
                problems.add("this JVM's descendants " + left + " still ran");
            }
            if (!orphans.isEmpty()) {
                problems.add("the processes " + orphans + " that the workers had started still ran, no longer this JVM's"
                        + " descendants: their parent was killed without them. A worker's descendants can be found only"
                        + " while it is alive: kill the whole tree, not the worker alone (lesson, step 4)");
            }
            if (problems.isEmpty()) {
                problems.add("they were still running " + Budgets.describe(LEFTOVER_GRACE) + " after it");
            }
            return when + ", expected no process of the job to be running, but " + String.join(", and ", problems)
                    + ". When run() returns, every worker and every process it started must have ended (lesson, steps 4 and 6).";
        });
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 120 ? commandLine : "..." + commandLine.substring(commandLine.length() - 117);
    }
}
