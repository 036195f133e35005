package workshop.cli.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.ChunkResult;
import workshop.trip.nightly.FareForecast;
import workshop.trip.nightly.ForecastWorker;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

/**
 * The CPU-bound workload: exercise 04's nightly fare forecast, a plan of chunks of pure
 * arithmetic.
 *
 * <p>Sequential, the pool, virtual threads and CompletableFuture are the lab's own few lines
 * around {@link FareForecast#lowestFareTotal} (no exercise asks for them): one chunk after another;
 * a fixed pool of {@code workers} platform threads; a virtual thread per chunk; and
 * {@code supplyAsync} per chunk on the common pool, as CompletableFuture code does by default.
 * Worker processes are exercise 04's {@code NightlyJob} with {@code workers} workers, or, until its
 * checks pass, the lab's own launcher of {@link ForecastWorker} processes. Every model's
 * totals must equal the sequential ones. The ideal is the sequential time divided by the cores.
 */
final class CpuWorkload implements Workload {

    /**
     * What to run.
     *
     * @param routes    routes in the plan
     * @param chunks    chunks the routes are split into
     * @param scenarios simulated years per route: the cost of a chunk grows with routes times scenarios
     * @param workers   threads of the pool, and worker processes of the nightly job
     */
    record Settings(int routes, int chunks, int scenarios, int workers) {

        Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("at least one worker, got " + workers);
            }
            FareForecast.plan(routes, chunks, scenarios);   // fails early, with its own message, on a plan it cannot make
        }
    }

    static final Implementations.Need PROCESSES = new Implementations.Need("exercise-04-processes", Set.of(1, 2, 3, 4, 5, 6));

    /** A warm-up's chunks have this fraction of the scenarios. */
    private static final int WARM_UP_SHARE = 10;

    private final Settings settings;
    private final Implementations implementations;
    private final List<Chunk> fullPlan;
    private final List<Chunk> warmUpPlan;
    /** The chunks of a run: the full plan, or the warm-ups' lighter one. */
    private volatile List<Chunk> plan;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** Each chunk's total, as the sequential model computes it: the answer every other model must give. */
    private final Map<Chunk, Long> expected = new ConcurrentHashMap<>();

    CpuWorkload(Settings settings, Implementations implementations) {
        this.settings = settings;
        this.implementations = implementations;
        this.fullPlan = FareForecast.plan(settings.routes(), settings.chunks(), settings.scenarios());
        this.warmUpPlan = FareForecast.plan(settings.routes(), settings.chunks(), Math.max(1, settings.scenarios() / WARM_UP_SHARE));
        this.plan = fullPlan;
    }

    static List<Implementations.Need> needs() {
        return List.of(PROCESSES);
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String title() {
        return "nightly fare forecast: " + settings.routes() + " routes x " + settings.scenarios() + " scenarios in "
                + settings.chunks() + " chunks, " + settings.workers() + " workers, " + cores + " cores";
    }

    @Override
    public String unit() {
        return "chunk";
    }

    @Override
    public int barsPerRun() {
        return plan.size();
    }

    /** A warm-up computes every chunk with a tenth of its scenarios: the same code, compiled as in a measured run. */
    @Override
    public void warmingUp(boolean on) {
        plan = on ? warmUpPlan : fullPlan;
    }

    @Override
    public Optional<Duration> ideal(Map<Model, Summary> measured) {
        return Optional.ofNullable(measured.get(Model.SEQUENTIAL)).map(sequential -> sequential.wall().dividedBy(cores));
    }

    @Override
    public String idealMeaning() {
        return "the sequential time divided by the " + cores + " cores";
    }

    @Override
    public List<Contender> contenders() {
        List<Contender> contenders = new ArrayList<>();
        contenders.add(Contender.runs(Model.SEQUENTIAL, Contender.LAB, "one chunk after another on the calling thread", this::sequential));
        contenders.add(Contender.runs(Model.PLATFORM_POOL, Contender.LAB, "a fixed pool of " + settings.workers() + " platform threads",
                start -> onExecutor(start, Executors.newFixedThreadPool(settings.workers()))));
        contenders.add(Contender.runs(Model.VIRTUAL_THREADS, Contender.LAB, "a virtual thread per chunk",
                start -> onExecutor(start, Executors.newVirtualThreadPerTaskExecutor())));
        contenders.add(Contender.runs(Model.COMPLETABLE_FUTURE, Contender.LAB,
                "supplyAsync per chunk on the common pool (parallelism " + ForkJoinPool.getCommonPoolParallelism() + ")",
                this::onCommonPool));
        Implementations.Source source = implementations.source(PROCESSES);
        contenders.add(source.code()
                .map(code -> Contender.runs(Model.WORKER_PROCESSES, source.owner(),
                        "exercise 04's NightlyJob, " + settings.workers() + " workers", processes(code)))
                .orElseGet(() -> Contender.standIn(Model.WORKER_PROCESSES, settings.workers()
                        + " worker processes at a time, one per chunk", source.owner(), source.whyNot(), this::labProcesses)));
        return contenders;
    }

    /** One chunk computed on the current thread, and when. */
    private record Computed(int index, long total, long startNanos, long endNanos) {

        static Computed of(Chunk chunk) {
            long start = System.nanoTime();
            long total = FareForecast.lowestFareTotal(chunk);
            return new Computed(chunk.index(), total, start, System.nanoTime());
        }
    }

    private Callable<List<Bar>> sequential(RunStart start) {
        List<Computed> computed = new ArrayList<>();
        for (Chunk chunk : plan) {
            Computed one = Computed.of(chunk);
            expected.put(chunk, one.total());
            computed.add(one);
        }
        return () -> bars(start, computed);
    }

    private Callable<List<Bar>> onExecutor(RunStart start, ExecutorService executor) throws Exception {
        List<Computed> computed = new ArrayList<>();
        try (executor) {
            List<Future<Computed>> pending = new ArrayList<>();
            for (Chunk chunk : plan) {
                pending.add(executor.submit(() -> Computed.of(chunk)));
            }
            for (Future<Computed> one : pending) {
                computed.add(one.get());
            }
        }
        check(computed.stream().map(one -> Map.entry(one.index(), one.total())).toList());
        return () -> bars(start, computed);
    }

    private Callable<List<Bar>> onCommonPool(RunStart start) throws Exception {
        List<CompletableFuture<Computed>> pending = plan.stream()
                .map(chunk -> CompletableFuture.supplyAsync(() -> Computed.of(chunk))).toList();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(1, TimeUnit.HOURS);
        List<Computed> computed = pending.stream().map(CompletableFuture::resultNow).toList();
        check(computed.stream().map(one -> Map.entry(one.index(), one.total())).toList());
        return () -> bars(start, computed);
    }

    private Trial processes(ExerciseCode code) {
        NightlySettings nightly = NightlySettings.defaults().withWorkers(settings.workers());
        return start -> {
            Object job = code.construct("workshop.processes.NightlyJob", new Class<?>[]{NightlySettings.class}, nightly);
            NightlyReport report = (NightlyReport) ExerciseCode.call(job, "run", new Class<?>[]{List.class}, plan);
            if (!report.isComplete()) {
                throw new WrongAnswer("chunks failed: " + report.failures().getFirst().message());
            }
            check(report.results().stream().map(result -> Map.entry(result.chunkIndex(), result.lowestFareTotal())).toList());
            List<ChunkResult> results = report.results();
            return () -> results.stream()
                    .map(result -> start.bar("chunk " + result.chunkIndex() + " (pid " + result.pid() + ")", result.started(), result.finished()))
                    .toList();
        };
    }

    /** The lab's own worker processes: a {@link ForecastWorker} JVM per chunk, at most {@code workers} alive at once. */
    private Callable<List<Bar>> labProcesses(RunStart start) throws Exception {
        List<ChunkResult> results;
        try (WorkerLauncher launcher = new WorkerLauncher()) {
            List<Callable<ChunkResult>> jobs = plan.stream().<Callable<ChunkResult>>map(chunk -> () -> ChunkResult.fromWorkerOutput(chunk,
                    launcher.run(ForecastWorker.class.getName(), List.of(), chunk.toLine() + "\n"))).toList();
            results = launcher.atMost(settings.workers(), jobs);
        }
        check(results.stream().map(result -> Map.entry(result.chunkIndex(), result.lowestFareTotal())).toList());
        return () -> results.stream()
                .map(result -> start.bar("chunk " + result.chunkIndex() + " (pid " + result.pid() + ")", result.started(), result.finished()))
                .toList();
    }

    private void check(List<Map.Entry<Integer, Long>> totals) throws WrongAnswer {
        if (totals.size() != plan.size()) {
            throw new WrongAnswer("expected " + plan.size() + " chunk results, got " + totals.size());
        }
        for (int i = 0; i < plan.size(); i++) {
            Map.Entry<Integer, Long> got = totals.get(i);
            Long want = expected.get(plan.get(i));
            if (got.getKey() != i) {
                throw new WrongAnswer("position " + i + " holds the result of chunk " + got.getKey() + ": results must come in chunk order");
            }
            if (want != null && !want.equals(got.getValue())) {
                throw new WrongAnswer("chunk " + i + " totals " + got.getValue() + ", the sequential computation " + want);
            }
        }
    }

    private static List<Bar> bars(RunStart start, List<Computed> computed) {
        return computed.stream().map(one -> start.bar("chunk " + one.index(), one.startNanos(), one.endNanos())).toList();
    }

    @Override
    public void close() {
        // no backends: every executor is closed by the run that made it
    }
}
