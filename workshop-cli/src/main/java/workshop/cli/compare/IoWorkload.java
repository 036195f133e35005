package workshop.cli.compare;

import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import workshop.kit.CallProbe;
import workshop.kit.TripBackends;
import workshop.kit.TripData;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;
import workshop.trip.Dashboard;
import workshop.trip.DashboardSettings;
import workshop.trip.TimedDashboard;
import workshop.trip.tasks.TaskSettings;
import workshop.trip.threads.BlockingTripClient;
import workshop.trip.threads.TripClient;

/**
 * The IO-bound workload: the trip dashboards of N travellers, each one profile query and three
 * partner API calls, against the workshop's own test backends (a loopback HTTP server and an
 * in-memory database) answering after the configured latencies.
 *
 * <p>Models: sequential is exercise 01's {@code SyncDashboard}, one traveller after another; the
 * pool and virtual threads are exercise 02's {@code DashboardBatch}; CompletableFuture is exercise
 * 03's {@code AsyncDashboard} with {@code sendAsync}, one page per traveller at once. Where an
 * exercise's code may not run (its checks do not pass yet), {@link LabDashboards} stands in for it.
 * Worker processes have no IO exercise: they are always the lab's own, {@link DashboardWorker}
 * processes that each load their share of the travellers one call after another. The timelines
 * are the backends' own records of each call they served. The ideal is the largest single latency:
 * every call at once.
 */
final class IoWorkload implements Workload {

    /**
     * What to run.
     *
     * @param dashboards travellers, each four calls
     * @param latencies  how long each backend takes to answer
     * @param pool       platform threads of the pool model
     * @param workers    processes of the worker-process model
     */
    record Settings(int dashboards, Map<Backend, Duration> latencies, int pool, int workers) {

        Settings {
            if (dashboards < 1 || dashboards > TripData.USERS) {
                throw new IllegalArgumentException("dashboards must be between 1 and " + TripData.USERS + ", got " + dashboards);
            }
            if (pool < 1) {
                throw new IllegalArgumentException("the pool needs at least one thread, got " + pool);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("at least one worker, got " + workers);
            }
            latencies = Collections.unmodifiableMap(new EnumMap<>(latencies));
            if (!latencies.keySet().equals(Set.of(Backend.values()))) {
                throw new IllegalArgumentException("a latency for every backend is needed, got " + latencies.keySet());
            }
        }

        int calls() {
            return dashboards * Backend.values().length;
        }

        Duration largestLatency() {
            return latencies.values().stream().max(Duration::compareTo).orElseThrow();
        }
    }

    static final Implementations.Need SEQUENTIAL = new Implementations.Need("exercise-01-sync", Set.of(1, 2, 3, 4));
    static final Implementations.Need POOL = new Implementations.Need("exercise-02-threads", Set.of(2, 4));
    static final Implementations.Need VIRTUAL = new Implementations.Need("exercise-02-threads", Set.of(3, 4));
    static final Implementations.Need TASKS = new Implementations.Need("exercise-03-tasks", Set.of(1, 3, 4, 5));

    /** How long the backends get to finish their bookkeeping of the last call after the client has its answer. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final Settings settings;
    private final Implementations implementations;
    private final TripBackends backends;
    private final DashboardSettings dashboardSettings;
    private final List<Integer> everyUser;
    /** The travellers of a run: all of them, or the warm-ups' few. */
    private volatile List<Integer> users;
    private final Server databaseServer;

    IoWorkload(Settings settings, Implementations implementations) {
        this.settings = settings;
        this.implementations = implementations;
        this.backends = TripBackends.start();
        settings.latencies().forEach((backend, latency) -> {
            if (backend == Backend.PROFILE) {
                backends.profiles().latency(latency);
            } else {
                backends.partners().on(backend, Behaviour.answersAfter(latency));
            }
        });
        // Generous: a call that takes five times its latency is a broken model, not a slow one.
        Duration callTimeout = settings.largestLatency().multipliedBy(5).plusSeconds(1);
        this.dashboardSettings = backends.settings(callTimeout);
        this.everyUser = IntStream.rangeClosed(1, settings.dashboards()).boxed().toList();
        this.users = everyUser;
        this.databaseServer = openToWorkers();
    }

    /** The profile database lives in this JVM: worker processes reach it through H2's TCP server. */
    private Server openToWorkers() {
        try {
            return Server.createTcpServer("-tcpPort", "0").start();
        } catch (SQLException e) {
            backends.close();
            throw new IllegalStateException("could not open the profile database to worker processes", e);
        }
    }

    private String databaseForWorkers() {
        String inMemory = ((JdbcDataSource) dashboardSettings.profiles()).getURL().substring("jdbc:h2:".length());
        return "jdbc:h2:tcp://localhost:" + databaseServer.getPort() + "/" + inMemory;
    }

    static List<Implementations.Need> needs() {
        return List.of(SEQUENTIAL, POOL, VIRTUAL, TASKS);
    }

    @Override
    public String name() {
        return "io";
    }

    @Override
    public String title() {
        Set<Duration> distinct = Set.copyOf(settings.latencies().values());
        String latency = distinct.size() == 1 ? "of " + millis(distinct.iterator().next())
                : "(" + String.join(", ", settings.latencies().entrySet().stream()
                .map(entry -> entry.getKey().id() + " " + millis(entry.getValue())).toList()) + ")";
        return settings.dashboards() + " trip dashboards: " + settings.calls() + " calls " + latency;
    }

    @Override
    public String unit() {
        return "call";
    }

    @Override
    public int barsPerRun() {
        return users.size() * Backend.values().length;
    }

    /** A warm-up loads a few dashboards, enough for every worker process to load one. */
    @Override
    public void warmingUp(boolean on) {
        users = on ? everyUser.subList(0, Math.min(everyUser.size(), Math.max(4, settings.workers()))) : everyUser;
    }

    @Override
    public Optional<Duration> ideal(Map<Model, Summary> measured) {
        return Optional.of(settings.largestLatency());
    }

    @Override
    public String idealMeaning() {
        return "the largest single latency (" + millis(settings.largestLatency()) + "): every call at once";
    }

    @Override
    public List<Contender> contenders() {
        return List.of(
                contender(Model.SEQUENTIAL, SEQUENTIAL, "exercise 01's SyncDashboard, one traveller after another", this::sequential,
                        "a loop, one call after another", this::labSequential),
                contender(Model.PLATFORM_POOL, POOL, "exercise 02's DashboardBatch.loadOnPool, " + settings.pool() + " threads",
                        code -> batch(code, "loadOnPool"),
                        "a pool of " + settings.pool() + " platform threads, a task per call",
                        start -> labThreads(start, Executors.newFixedThreadPool(settings.pool()))),
                contender(Model.VIRTUAL_THREADS, VIRTUAL, "exercise 02's DashboardBatch.loadOnVirtualThreads",
                        code -> batch(code, "loadOnVirtualThreads"),
                        "a virtual thread per call", start -> labThreads(start, Executors.newVirtualThreadPerTaskExecutor())),
                contender(Model.COMPLETABLE_FUTURE, TASKS, "exercise 03's AsyncDashboard (sendAsync), every page at once",
                        this::tasks, "sendAsync per call, every page at once", this::labTasks),
                Contender.runs(Model.WORKER_PROCESSES, Contender.LAB, settings.workers()
                        + " worker processes, each loading its share of the travellers one call after another", this::labProcesses));
    }

    private interface TrialFor {
        Trial with(ExerciseCode code);
    }

    /** The exercise's code where it may run; otherwise the lab's own, marked as such with the reason. */
    private Contender contender(Model model, Implementations.Need need, String how, TrialFor trial, String labHow, Trial labTrial) {
        Implementations.Source source = implementations.source(need);
        return source.code().map(code -> Contender.runs(model, source.owner(), how, trial.with(code)))
                .orElseGet(() -> Contender.standIn(model, labHow, source.owner(), source.whyNot(), labTrial));
    }

    private Callable<List<Bar>> labSequential(RunStart start) throws Exception {
        resetProbes();
        List<Dashboard> dashboards;
        try (BlockingTripClient client = new BlockingTripClient(dashboardSettings)) {
            dashboards = LabDashboards.sequential(client, users);
        }
        check(dashboards);
        return () -> timeline(start);
    }

    private Callable<List<Bar>> labThreads(RunStart start, ExecutorService threads) throws Exception {
        resetProbes();
        List<Dashboard> dashboards;
        try (BlockingTripClient client = new BlockingTripClient(dashboardSettings)) {
            dashboards = LabDashboards.onThreads(client, users, threads);
        }
        check(dashboards);
        return () -> timeline(start);
    }

    /** The travellers split into {@code workers} shares, each loaded in a {@link DashboardWorker} process. */
    private Callable<List<Bar>> labProcesses(RunStart start) throws Exception {
        resetProbes();
        int share = (users.size() + settings.workers() - 1) / settings.workers();
        List<String> arguments = List.of(dashboardSettings.partnerApi().toString(), databaseForWorkers(),
                String.valueOf(dashboardSettings.callTimeout().toMillis()));
        List<String> dashboards = new ArrayList<>();
        try (WorkerLauncher launcher = new WorkerLauncher()) {
            List<Callable<List<String>>> jobs = new ArrayList<>();
            for (int from = 0; from < users.size(); from += share) {
                List<Integer> mine = users.subList(from, Math.min(users.size(), from + share));
                String input = String.join(",", mine.stream().map(String::valueOf).toList()) + "\n";
                jobs.add(() -> launcher.run(DashboardWorker.class.getName(), arguments, input).lines()
                        .filter(line -> line.startsWith(DashboardWorker.TAG + " "))
                        .map(line -> line.substring(DashboardWorker.TAG.length() + 1)).toList());
            }
            launcher.atMost(settings.workers(), jobs).forEach(dashboards::addAll);
        }
        checkPrinted(dashboards);
        return () -> timeline(start);
    }

    private Callable<List<Bar>> labTasks(RunStart start) throws Exception {
        resetProbes();
        ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "event loop"));
        ExecutorService blockingWork = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("blocking work ", 0).factory());
        HttpClient http = LabDashboards.httpOn(loop, dashboardSettings);
        List<Dashboard> dashboards;
        try (BlockingTripClient database = new BlockingTripClient(dashboardSettings)) {
            dashboards = LabDashboards.asTasks(dashboardSettings, database, http, users, loop, blockingWork)
                    .get(dashboardSettings.callTimeout().multipliedBy(4).toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            http.shutdownNow();
            http.close();
            loop.shutdownNow();
            blockingWork.shutdownNow();
            loop.awaitTermination(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            blockingWork.awaitTermination(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
        check(dashboards);
        return () -> timeline(start);
    }

    private Trial sequential(ExerciseCode code) {
        return start -> {
            resetProbes();
            List<Dashboard> dashboards = new ArrayList<>();
            try (AutoCloseable dashboard = (AutoCloseable) code.construct("workshop.sync.SyncDashboard",
                    new Class<?>[]{DashboardSettings.class}, dashboardSettings)) {
                for (int user : users) {
                    TimedDashboard timed = (TimedDashboard) ExerciseCode.call(dashboard, "load", new Class<?>[]{int.class}, user);
                    dashboards.add(timed.dashboard());
                }
            }
            check(dashboards);
            return () -> timeline(start);
        };
    }

    private Trial batch(ExerciseCode code, String method) {
        boolean pooled = method.equals("loadOnPool");
        return start -> {
            resetProbes();
            Object dashboards;
            try (BlockingTripClient client = new BlockingTripClient(dashboardSettings)) {
                Class<?> statsType = code.type("workshop.threads.TripStats");
                Object stats = code.construct(statsType.getName(), new Class<?>[0]);
                Object batch = code.construct("workshop.threads.DashboardBatch", new Class<?>[]{TripClient.class, statsType}, client, stats);
                dashboards = pooled
                        ? ExerciseCode.call(batch, method, new Class<?>[]{List.class, int.class}, users, settings.pool())
                        : ExerciseCode.call(batch, method, new Class<?>[]{List.class}, users);
            }
            check(dashboards);
            return () -> timeline(start);
        };
    }

    private Trial tasks(ExerciseCode code) {
        return start -> {
            resetProbes();
            ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "event loop"));
            ExecutorService blockingWork = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("blocking work ", 0).factory());
            List<Dashboard> dashboards = new ArrayList<>();
            try (AutoCloseable pages = (AutoCloseable) code.construct("workshop.tasks.AsyncDashboard",
                    new Class<?>[]{TaskSettings.class},
                    new TaskSettings(dashboardSettings, loop, blockingWork, dashboardSettings.callTimeout()))) {
                List<CompletableFuture<?>> loading = new ArrayList<>();
                for (int user : users) {
                    loading.add((CompletableFuture<?>) ExerciseCode.call(pages, "load", new Class<?>[]{int.class}, user));
                }
                CompletableFuture.allOf(loading.toArray(CompletableFuture[]::new))
                        .get(dashboardSettings.callTimeout().multipliedBy(4).toMillis(), TimeUnit.MILLISECONDS);
                loading.forEach(page -> dashboards.add((Dashboard) page.resultNow()));
            } finally {
                loop.shutdownNow();
                blockingWork.shutdownNow();
                loop.awaitTermination(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
                blockingWork.awaitTermination(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            }
            check(dashboards);
            return () -> timeline(start);
        };
    }

    private void check(Object answer) throws WrongAnswer {
        if (!(answer instanceof List<?> dashboards) || dashboards.size() != users.size()) {
            throw new WrongAnswer("expected " + users.size() + " dashboards in a list, got " + describe(answer));
        }
        for (int i = 0; i < users.size(); i++) {
            Dashboard expected = TripData.dashboard(users.get(i));
            if (!expected.equals(dashboards.get(i))) {
                throw new WrongAnswer("the dashboard of user " + users.get(i) + " (position " + i + ") should be " + expected
                        + " but is " + dashboards.get(i));
            }
        }
    }

    /** A worker prints each dashboard as its record's text: it must be the expected dashboard's. */
    private void checkPrinted(List<String> dashboards) throws WrongAnswer {
        if (dashboards.size() != users.size()) {
            throw new WrongAnswer("expected " + users.size() + " dashboards, the workers printed " + dashboards.size());
        }
        for (int i = 0; i < users.size(); i++) {
            String expected = TripData.dashboard(users.get(i)).toString();
            if (!expected.equals(dashboards.get(i))) {
                throw new WrongAnswer("the dashboard of user " + users.get(i) + " should be " + expected + " but is " + dashboards.get(i));
            }
        }
    }

    private static String describe(Object answer) {
        return answer instanceof List<?> list ? list.size() + " dashboards" : String.valueOf(answer);
    }

    private void resetProbes() {
        probes().forEach(CallProbe::reset);
    }

    private Stream<CallProbe> probes() {
        return Stream.of(backends.partners().probe(), backends.profiles().probe());
    }

    /** Every call the backends served, once none is in flight any more. */
    private List<Bar> timeline(RunStart start) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (probes().anyMatch(probe -> probe.inFlight() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return probes().flatMap(probe -> probe.spans().stream())
                .sorted(java.util.Comparator.comparingLong(CallProbe.Span::startNanos))
                .map(span -> start.bar(span.what(), span.startNanos(), span.endNanos()))
                .toList();
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    @Override
    public void close() {
        databaseServer.stop();
        backends.close();
    }
}
