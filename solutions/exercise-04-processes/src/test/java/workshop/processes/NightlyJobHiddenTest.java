package workshop.processes;

import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.fail;
import static workshop.processes.JobChecks.JOB_BUDGET;
import static workshop.processes.JobChecks.POLL;
import static workshop.processes.JobChecks.assertComputedInWorkers;
import static workshop.processes.JobChecks.assertCorrectResult;
import static workshop.processes.JobChecks.assertCorrectResults;
import static workshop.processes.JobChecks.assertFailed;
import static workshop.processes.JobChecks.assertNoProcessLeft;
import static workshop.processes.JobChecks.quickChunks;
import static workshop.processes.JobChecks.runWithin;
import static workshop.processes.JobChecks.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.processes.workers.CrashingWorker;
import workshop.processes.workers.FloodingWorker;
import workshop.processes.workers.GarbageWorker;
import workshop.processes.workers.MeetingWorker;
import workshop.processes.workers.HangingWorker;
import workshop.processes.workers.SpawningWorker;
import workshop.processes.workers.StartLineWorker;
import workshop.processes.workers.TracingWorker;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkFailure;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.FareForecast;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

@DisplayName("The nightly job in worker processes")
class NightlyJobHiddenTest {

    /** The timeout of the workers that hang in these checks: several times a worker's start-up. */
    static final Duration WORKER_TIMEOUT = Step4TimeoutsTest.WORKER_TIMEOUT;

    /** What the job may take beyond a hung worker's timeout: killing it and its children, and the other chunks. */
    static final Duration KILL_SLACK = Step4TimeoutsTest.KILL_SLACK;

    /** How long workers get to start before a check gives up on them. */
    static final Duration START_BUDGET = Budgets.times(3, Budgets.SLACK);

    /** A worker flooding its pipes with 1 MiB each: start-up plus milliseconds of copying, with room to spare. */
    static final Duration FLOOD_BUDGET = Budgets.times(5, Budgets.SLACK);

    /** How often the census of worker processes counts them. */
    static final Duration CENSUS_PERIOD = Budgets.scaled(5);

    @AfterEach
    void no_process_of_the_job_outlives_the_check() {
        assertNoProcessLeft("after the check", List.of());
    }

    @Nested
    @Step(1)
    @DisplayName("when every worker is healthy")
    class WhenEveryWorkerIsHealthy {

        @CorrectnessCheck(points = 2)
        void every_chunk_is_computed_in_a_child_process_of_its_own() throws Exception {
            // GIVEN
            List<Chunk> chunks = quickChunks(2);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(2).withWorkerMainClass(TracingWorker.class).addingWorkerOptions(trail.options());

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN
                assertCorrectResults(report, chunks);
                assertComputedInWorkers(report);
                for (ChunkResult result : report.results()) {
                    assertThat(trail.workersOf(result.chunkIndex()))
                            .withFailMessage("expected chunk %d's result to come from the worker started for it, pid %d, but"
                                    + " the workers that started on it were %s", result.chunkIndex(), result.pid(),
                                    trail.workersOf(result.chunkIndex()))
                            .containsExactly(result.pid());
                }
                assertThat(report.results().stream().map(ChunkResult::pid).distinct().count())
                        .as("distinct worker pids for 2 chunks: one process per chunk")
                        .isEqualTo(2);
            }
        }

    }

    @Nested
    @Step(2)
    @DisplayName("when the job has several chunks")
    class WhenTheJobHasSeveralChunks {

        @TimingCheck(points = 2)
        void the_workers_run_at_the_same_time_whatever_the_number_of_cores() throws Exception {
            // GIVEN three workers that each wait until all three have started before they compute
            List<Chunk> chunks = quickChunks(3);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(3).withWorkerMainClass(MeetingWorker.class).addingWorkerOptions(trail.options())
                        .addingWorkerOptions(Step2SeveralWorkersTest.meetingOf(3));

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN every worker's interval overlaps every other's
                assertCorrectResults(report, chunks);
                assertComputedInWorkers(report);
                List<ChunkResult> results = report.results();
                for (ChunkResult one : results) {
                    for (ChunkResult other : results) {
                        assertThat(one == other || one.overlaps(other))
                                .withFailMessage("expected all 3 workers to run at the same time, but chunk %d's worker ran %s"
                                        + " and chunk %d's ran %s. Start up to settings.workers() workers before waiting for any.",
                                        one.chunkIndex(), interval(one), other.chunkIndex(), interval(other))
                                .isTrue();
                    }
                }
            }
        }

        @TimingCheck(points = 1, onStub = OnStub.PASSES)
        void never_more_workers_are_alive_at_once_than_the_settings_allow() throws Exception {
            // GIVEN four chunks and two workers
            List<Chunk> chunks = quickChunks(4);

            // WHEN
            NightlyReport report;
            int mostAlive;
            try (Census census = Census.start()) {
                report = runWithin(JOB_BUDGET, settings(2), chunks).value();
                mostAlive = census.mostChildrenAlive();
            }

            // THEN
            assertCorrectResults(report, chunks);
            assertThat(mostAlive)
                    .withFailMessage("expected at most 2 worker processes alive at once (settings.workers()), but counted %d."
                            + " Each worker is a whole JVM: never let more of them live at once than the settings allow"
                            + " (lesson, step 2).", mostAlive)
                    .isLessThanOrEqualTo(2);
        }

        @TimingCheck(points = 3, timesComputation = true)
        void worker_processes_reach_three_quarters_of_the_speed_up_of_two_threads() throws Exception {
            SpeedUp.check();
        }
    }

    @Nested
    @Step(3)
    @DisplayName("when a worker writes a lot on both pipes")
    class WhenAWorkerFloodsBothPipes {

        @CorrectnessCheck(points = 2)
        void a_worker_that_floods_both_pipes_at_once_still_delivers_its_result() throws Exception {
            // GIVEN a worker that writes 1 MiB on stderr and 1 MiB on stdout, line by line in turn, before its result
            List<Chunk> chunks = quickChunks(1);
            var settings = settings(1).withWorkerMainClass(FloodingWorker.class)
                    .addingWorkerOptions(List.of("-D" + FloodingWorker.BOTH_PIPES + "=true"));

            // WHEN
            NightlyReport report = within(FLOOD_BUDGET, settings, chunks,
                    "Here the worker writes " + FloodingWorker.FLOOD_BYTES + " bytes on each of stdout and stderr, a line on"
                            + " one and then a line on the other, and a pipe holds 64 KiB: read both pipes while the worker runs,"
                            + " each on a thread of its own (reading stdout to its end first waits forever: the worker is"
                            + " stuck writing to stderr).");

            // THEN
            assertCorrectResults(report, chunks);
            assertComputedInWorkers(report);
        }
    }

    @Nested
    @Step(4)
    @DisplayName("when a worker hangs")
    class WhenAWorkerHangs {

        @TimingCheck(points = 2)
        void it_is_killed_within_its_timeout_plus_slack_and_its_chunk_is_not_retried() throws Exception {
            // GIVEN the worker never answers
            List<Chunk> chunks = quickChunks(1);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(1).withWorkerTimeout(WORKER_TIMEOUT).withWorkerMainClass(HangingWorker.class)
                        .addingWorkerOptions(trail.options());

                // WHEN
                Timed<NightlyReport> run = runWithin(WORKER_TIMEOUT.plus(KILL_SLACK), settings, chunks);

                // THEN
                ChunkFailure failure = assertFailed(run.value(), 0, ChunkFailure.Kind.TIMED_OUT,
                        "Wait for a worker no longer than its timeout; a worker still running then is killed, and its chunk"
                        + " fails as timed out (lesson, step 4).");
                assertTookAtLeast(run.took(), WORKER_TIMEOUT, "the hung worker gets its whole timeout");
                assertThat(failure.attempts())
                        .withFailMessage("expected a timed-out chunk not to be retried (a hung worker already cost its whole"
                                + " timeout; the lesson retries crashes only), but its failure says %d attempts", failure.attempts())
                        .isEqualTo(1);
                assertThat(trail.workersOf(0)).as("workers started for the hung chunk").hasSizeLessThanOrEqualTo(1);
                assertNoProcessLeft("when the job returned", trail.workers());
            }
        }
    }

    @Nested
    @Step(5)
    @DisplayName("when a worker crashes")
    class WhenAWorkerCrashes {

        @CorrectnessCheck(points = 3)
        void only_its_chunk_fails_after_one_retry_naming_the_chunk_the_exit_code_and_the_end_of_stderr() throws Exception {
            // GIVEN the worker of chunk 1 prints a result, then exits with code 3, every time
            List<Chunk> chunks = quickChunks(2);
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(2).withWorkerMainClass(CrashingWorker.class).addingWorkerOptions(trail.optionsTargeting(1));

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN
                assertCorrectResult(report, chunks.get(0));
                ChunkFailure failure = assertFailed(report, 1, ChunkFailure.Kind.CRASHED,
                        "The worker printed a result, then exited with code " + CrashingWorker.EXIT_CODE + ": check the exit code"
                                + " first, and trust the output only when it is 0.");
                assertThat(failure.exitCode()).as("the crashed worker's exit code").hasValue(CrashingWorker.EXIT_CODE);
                assertThat(failure.message()).as("the failure's message").contains("chunk 1").contains("code " + CrashingWorker.EXIT_CODE);
                assertThat(trail.workersOf(1))
                        .withFailMessage("expected exactly 2 workers for the crashing chunk (one retry in a fresh process), but %d"
                                + " started", trail.workersOf(1).size())
                        .hasSize(2);
                assertThat(failure.attempts())
                        .withFailMessage("expected the failure to say it came after 2 attempts, but it says %d"
                                + " (lesson, step 5)", failure.attempts())
                        .isEqualTo(2);
                assertThat(failure.detail())
                        .withFailMessage("expected the failure's detail to hold the worker's last words on stderr, '%s', but it is"
                                + " '%s'. Keep the end of what the worker wrote on stderr (step 3) and pass it to"
                                + " ChunkFailure.crashed: it is the only explanation a crash leaves.",
                                CrashingWorker.LAST_WORDS, failure.detail())
                        .contains(CrashingWorker.LAST_WORDS);
            }
        }

    }

    @Nested
    @Step(5)
    @DisplayName("when a worker prints something that is not its result")
    class WhenAWorkerPrintsGarbage {

        @CorrectnessCheck(points = 3)
        void text_silence_or_an_answer_for_another_chunk_each_fail_their_chunk_as_malformed_output() throws Exception {
            // GIVEN workers that exit with 0 after printing, for chunk 0 a line of text, for chunk 1 nothing, and for
            // chunk 2 a well-formed result for chunk 7
            List<Chunk> chunks = quickChunks(3);
            String stray = new ChunkResult(7, 1, 1, Instant.EPOCH, Instant.EPOCH).toLine();
            try (WorkerTrail trail = WorkerTrail.create()) {
                var settings = settings(3).withWorkerMainClass(GarbageWorker.class).addingWorkerOptions(trail.options())
                        .addingWorkerOptions(List.of(GarbageWorker.saying(1, ""), GarbageWorker.saying(2, stray)));

                // WHEN
                NightlyReport report = runWithin(JOB_BUDGET, settings, chunks).value();

                // THEN
                ChunkFailure text = assertFailed(report, 0, ChunkFailure.Kind.MALFORMED_OUTPUT,
                        "Output that holds no result fails that chunk alone, as malformed output (lesson, step 5).");
                assertThat(text.exitCode()).as("the garbage worker's exit code").hasValue(0);
                assertThat(text.attempts()).as("attempts at a chunk whose worker printed garbage: retried once").isEqualTo(2);
                assertFailed(report, 1, ChunkFailure.Kind.MALFORMED_OUTPUT,
                        "A worker that exits with 0 but prints nothing has no result: its chunk fails as malformed output (lesson, step 5).");
                assertFailed(report, 2, ChunkFailure.Kind.MALFORMED_OUTPUT,
                        "The worker sent chunk 2 answered for chunk 7: read its output with ChunkResult.fromWorkerOutput(chunk,"
                                + " stdout), which checks that.");
            }
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when the caller gives up on the job")
    class WhenTheCallerGivesUp {

        @CorrectnessCheck(points = 2)
        void cancelling_its_future_kills_every_worker_and_every_process_they_started() throws Exception {
            // GIVEN the job runs as a task, and both its workers have started a process of their own and hang
            List<Chunk> chunks = quickChunks(2);
            try (WorkerTrail trail = WorkerTrail.create()) {
                NightlySettings settings = settings(2).withWorkerTimeout(Budgets.GUARD).withWorkerMainClass(SpawningWorker.class)
                        .addingWorkerOptions(trail.options());
                NightlyJob job = new NightlyJob(settings);
                ExecutorService caller = Executors.newSingleThreadExecutor();
                try {
                    Future<NightlyReport> report = caller.submit(() -> job.run(chunks));
                    Awaitility.await("2 workers and their children to start").atMost(START_BUDGET).pollInterval(POLL)
                            .until(() -> trail.children().size() >= 2 || report.isDone());
                    assertThat(report.isDone())
                            .withFailMessage("expected the job to wait for its hung workers, but it had already ended")
                            .isFalse();

                    // WHEN
                    report.cancel(true);
                } finally {
                    caller.shutdown();
                    boolean ended = caller.awaitTermination(Budgets.SLACK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    caller.shutdownNow();
                    assertThat(ended)
                            .withFailMessage("expected the job to end within %s of its future being cancelled, but it still runs."
                                    + " Cancelling the future interrupted the job's thread; the job went on as if nothing happened"
                                    + " (lesson, step 6: an interrupted job ends, and its workers with it).",
                                    Budgets.describe(Budgets.SLACK))
                            .isTrue();
                }

                // THEN
                List<Long> started = new ArrayList<>(trail.workers());
                started.addAll(trail.children());
                assertNoProcessLeft("when the cancelled job ended", started);
            }
        }
    }

    private static NightlyReport within(Duration budget, NightlySettings settings, List<Chunk> chunks, String cause)
            throws Exception {
        try {
            return runWithin(budget, settings, chunks).value();
        } catch (AssertionError stuck) {
            throw reworded(stuck, stuck.getMessage() + "\n" + cause);
        }
    }

    private static String interval(ChunkResult result) {
        return "from " + result.started() + " to " + result.finished();
    }

    /** Counts this JVM's child processes every few milliseconds, keeping the most it saw alive at once. */
    static final class Census implements AutoCloseable {

        private final AtomicInteger most = new AtomicInteger();
        private volatile boolean counting = true;
        private final Thread counter;

        private Census() {
            counter = Thread.ofVirtual().name("census").start(() -> {
                while (counting) {
                    int alive = (int) ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
                    most.accumulateAndGet(alive, Math::max);
                    try {
                        Thread.sleep(CENSUS_PERIOD);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static Census start() {
            return new Census();
        }

        int mostChildrenAlive() {
            return most.get();
        }

        @Override
        public void close() {
            counting = false;
            try {
                counter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The speed-up check. In each round it measures, on the same two chunks: one thread computing
     * both, two threads computing one each (the machine's own reference right now), the job with two
     * {@link StartLineWorker}s, then two threads and one thread again. The threads' reference is the
     * smaller of their two speed-ups, so that a burst of load during the round cannot raise the bar.
     * The workers pay their whole start-up (the JVM, and warming up the compiler) before they report
     * starting, so their speed-up counts from the first one starting to compute to the last one
     * finishing. A round sets the bar only when both thread measurements found a second core. Up to
     * {@value #ROUNDS} rounds; as soon as the workers' best speed-up reaches the bar, the check passes.
     */
    static final class SpeedUp {

        /** Rounds of measurement before judging: a passing round ends the check at once. */
        static final int ROUNDS = 3;

        /** The share of the threads' speed-up the workers must reach. */
        static final double SHARE = 0.75;

        /** Below this speed-up, two threads found no second core free, and there is nothing to judge. */
        static final double SECOND_CORE = 1.3;

        /** The chunks' size: each takes about 60 ms on one core of the lesson's machine. */
        static final int ROUTES = 100;
        static final int SCENARIOS = 350;

        /** Small chunks that warm this JVM's compiler up before the first measurement. */
        static final List<Chunk> WARM_UP = FareForecast.plan(20, 2, 40);

        record Round(Duration oneThreadBefore, Duration twoThreadsBefore, Duration job, Duration computing,
                     Duration twoThreadsAfter, Duration oneThreadAfter) {

            double threadSpeedUp() {
                return Math.min(ratio(oneThreadBefore, twoThreadsBefore), ratio(oneThreadAfter, twoThreadsAfter));
            }

            double processSpeedUp() {
                return ratio(max(oneThreadBefore, oneThreadAfter), computing);
            }

            boolean secondCoreFree() {
                return threadSpeedUp() >= SECOND_CORE;
            }


            String describe() {
                return String.format(Locale.ROOT, "one thread %d/%d ms, two threads %d/%d ms (speed-up %.2f), two workers %d ms"
                                + " of which computing %d ms (speed-up %.2f, %.0f %% of the threads')",
                        oneThreadBefore.toMillis(), oneThreadAfter.toMillis(), twoThreadsBefore.toMillis(),
                        twoThreadsAfter.toMillis(), threadSpeedUp(), job.toMillis(), computing.toMillis(),
                        processSpeedUp(), 100 * processSpeedUp() / threadSpeedUp());
            }
        }

        static void check() throws Exception {
            int cores = Runtime.getRuntime().availableProcessors();
            List<Chunk> chunks = FareForecast.plan(2 * ROUTES, 2, SCENARIOS);
            for (int i = 0; i < 10; i++) {
                oneThread(WARM_UP);
                twoThreads(WARM_UP);
            }
            List<Round> rounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Duration oneThreadBefore = time(() -> oneThread(chunks));
                Duration twoThreadsBefore = time(() -> twoThreads(chunks));
                Timed<NightlyReport> job;
                try (WorkerTrail trail = WorkerTrail.create()) {
                    var settings = NightlySettings.defaults().withWorkers(2).withWorkerMainClass(StartLineWorker.class)
                            .addingWorkerOptions(trail.options()).addingWorkerOptions(Step2SeveralWorkersTest.meetingOf(2));
                    job = runWithin(JOB_BUDGET, settings, chunks);
                }
                Duration twoThreadsAfter = time(() -> twoThreads(chunks));
                Duration oneThreadAfter = time(() -> oneThread(chunks));
                assertCorrectResults(job.value(), chunks);
                assertComputedInWorkers(job.value());
                List<ChunkResult> results = job.value().results();
                assertThat(results.get(0).overlaps(results.get(1)))
                        .withFailMessage("expected the two workers to compute at the same time, but chunk %d's computed %s and"
                                + " chunk %d's %s: the workers ran one after another. Start them all before waiting for any.",
                                results.get(0).chunkIndex(), interval(results.get(0)), results.get(1).chunkIndex(), interval(results.get(1)))
                        .isTrue();
                Assumptions.assumeTrue(cores >= 2, "skipped: this machine has " + cores + " core; two processes cannot"
                        + " compute at the same moment, so there is no speed-up to judge");
                rounds.add(new Round(oneThreadBefore, twoThreadsBefore, job.took(), computing(results),
                        twoThreadsAfter, oneThreadAfter));
                if (passes(rounds)) {
                    System.out.println("speed-up on " + cores + " cores: " + rounds.getLast().describe());
                    return;
                }
            }
            String table = rounds.stream().map(r -> "  " + r.describe()).collect(Collectors.joining("\n"));
            Assumptions.assumeTrue(rounds.stream().anyMatch(Round::secondCoreFree), () -> "skipped: in " + ROUNDS + " rounds two"
                    + " threads never ran " + SECOND_CORE + " times faster than one (before and after the job), so no second"
                    + " core was free to judge by:\n" + table);
            fail("expected the two workers to compute at least " + Math.round(100 * SHARE) + " % as much faster than one thread"
                    + " as two threads do, once their start-up is paid, in a round where two threads found a second core;"
                    + " measured:\n" + table);
        }

        /**
         * Whether the workers' best speed-up so far reaches {@link #SHARE} of the lowest speed-up two threads
         * had in a round where they found a second core. Lenient on purpose: the load of other programs comes
         * and goes between measurements, and workers that ran one after another never get here (the overlap
         * of their intervals is asserted first).
         */
        private static boolean passes(List<Round> rounds) {
            double bar = rounds.stream().filter(Round::secondCoreFree).mapToDouble(Round::threadSpeedUp).min().orElse(Double.NaN);
            double best = rounds.stream().mapToDouble(Round::processSpeedUp).max().orElse(0);
            return !Double.isNaN(bar) && best >= SHARE * bar;
        }

        private static Duration max(Duration one, Duration other) {
            return one.compareTo(other) >= 0 ? one : other;
        }

        private static Duration computing(List<ChunkResult> results) {
            Instant first = results.stream().map(ChunkResult::started).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = results.stream().map(ChunkResult::finished).max(Comparator.naturalOrder()).orElseThrow();
            return Duration.between(first, last);
        }

        private static long oneThread(List<Chunk> chunks) {
            return chunks.stream().mapToLong(FareForecast::lowestFareTotal).sum();
        }

        private static long twoThreads(List<Chunk> chunks) throws Exception {
            try (ExecutorService threads = Executors.newFixedThreadPool(chunks.size())) {
                List<Future<Long>> totals = new ArrayList<>();
                for (Chunk chunk : chunks) {
                    totals.add(threads.submit(() -> FareForecast.lowestFareTotal(chunk)));
                }
                long sum = 0;
                for (Future<Long> total : totals) {
                    sum += total.get();
                }
                return sum;
            }
        }

        private static Duration time(java.util.concurrent.Callable<?> work) throws Exception {
            long start = System.nanoTime();
            work.call();
            return Duration.ofNanos(System.nanoTime() - start);
        }

        private static double ratio(Duration reference, Duration measured) {
            return measured.isZero() ? 0 : (double) reference.toNanos() / measured.toNanos();
        }
    }
}
