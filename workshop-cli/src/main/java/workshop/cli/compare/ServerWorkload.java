package workshop.cli.compare;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import workshop.kit.TripBackends;
import workshop.kit.TripData;
import workshop.kit.partner.Behaviour;
import workshop.kit.profile.ConnectionPool;
import workshop.trip.Backend;
import workshop.trip.Dashboard;
import workshop.trip.DashboardSettings;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.Handlers;
import workshop.trip.server.ServerSettings;
import workshop.trip.tasks.WeatherFallback;
import workshop.trip.threads.BlockingTripClient;

/**
 * The server workload: N clients at once, each asking a dashboard server for one traveller's page
 * ({@code GET /dashboard/<user>}), the server making a profile query and three partner calls per
 * request against the workshop's test backends, its queries through a small connection pool.
 *
 * <p>Models: the pool and virtual threads are exercise 05's {@code DashboardServer}, started with
 * {@link Handlers#fixedPool} and {@link Handlers#virtualThreads}; until its checks pass, the lab's
 * own blocking {@link LabServers#blocking server} stands in, on the same two kinds of threads.
 * CompletableFuture is always the lab's own {@link LabServers#async asynchronous server}: no
 * exercise asks for one. Every answer is checked: a {@value DashboardPage#OK} page must be the
 * traveller's dashboard (the weather may be the fallback), a refusal under load
 * ({@value DashboardPage#BAD_GATEWAY}, {@value DashboardPage#SHED}, {@value DashboardPage#GATEWAY_TIMEOUT})
 * is counted, any other status is a wrong answer. The timelines are the clients' own records, one
 * bar per request from its sending to its answer. The ideal is every request's calls at once, the
 * profile queries as many at a time as there are connections.
 */
final class ServerWorkload implements Workload {

    /**
     * What to run.
     *
     * @param clients     clients at once, one request each
     * @param latencies   how long each backend takes to answer
     * @param pool        platform threads of the pool model
     * @param connections the database connection pool's size, for every model
     */
    record Settings(int clients, Map<Backend, Duration> latencies, int pool, int connections) {

        /** More clients than this open more sockets at once than many systems allow one process by default. */
        static final int MAX_CLIENTS = 2_000;

        Settings {
            if (clients < 1 || clients > MAX_CLIENTS) {
                throw new IllegalArgumentException("clients must be between 1 and " + MAX_CLIENTS + ", got " + clients);
            }
            if (pool < 1) {
                throw new IllegalArgumentException("the pool needs at least one thread, got " + pool);
            }
            if (connections < 1) {
                throw new IllegalArgumentException("the database needs at least one connection, got " + connections);
            }
            latencies = Collections.unmodifiableMap(new EnumMap<>(latencies));
            if (!latencies.keySet().equals(Set.of(Backend.values()))) {
                throw new IllegalArgumentException("a latency for every backend is needed, got " + latencies.keySet());
            }
        }

        Duration largestLatency() {
            return latencies.values().stream().max(Duration::compareTo).orElseThrow();
        }

        /** Every request's calls at once, the profile queries {@code connections} at a time. */
        Duration ideal() {
            int rounds = (clients + connections - 1) / connections;
            Duration queries = latencies.get(Backend.PROFILE).multipliedBy(rounds);
            return queries.compareTo(largestLatency()) > 0 ? queries : largestLatency();
        }
    }

    static final String NAME = "server";
    static final String EXERCISE = "exercise-05-server";
    static final Implementations.Need POOL = new Implementations.Need(EXERCISE, Set.of(1));
    static final Implementations.Need VIRTUAL = new Implementations.Need(EXERCISE, Set.of(2, 3, 4));

    /**
     * A request's deadline, and the grace of exercise 05's shutdown: long enough that a correct
     * server answers every request of a run with a page, however long it queues, so that the lab
     * compares the ways of handling requests, not the shedding (exercise 05's checks judge that).
     */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** How long a client waits for its answer: past the deadline, so that a late answer still counts as one. */
    private static final Duration REQUEST_TIMEOUT = DEADLINE.plusSeconds(5);
    /** A warm-up's clients: a tenth, at least this many (or all of them, when there are fewer). */
    private static final int WARM_UP_CLIENTS = 10;
    private static final Set<Integer> REFUSALS = Set.of(DashboardPage.BAD_GATEWAY, DashboardPage.SHED, DashboardPage.GATEWAY_TIMEOUT);

    private final Settings settings;
    private final Implementations implementations;
    private final TripBackends backends;
    private final ConnectionPool connections;
    private final DashboardSettings dashboardSettings;
    private final ServerClients clients;
    private final List<Integer> everyUser;
    /** The travellers of a run, one per client: all of them, or the warm-ups' few. */
    private volatile List<Integer> users;

    ServerWorkload(Settings settings, Implementations implementations) {
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
        try {
            this.connections = ConnectionPool.over(backends.profiles(), settings.connections());
        } catch (RuntimeException e) {
            backends.close();
            throw e;
        }
        // Generous: a server that takes every request at once opens hundreds of partner connections at once, which on a
        // busy machine can take a second or more; a call that takes five times its latency beyond that is a broken model.
        Duration callTimeout = settings.largestLatency().multipliedBy(5).plusSeconds(5);
        this.dashboardSettings = new DashboardSettings(backends.partners().baseUri(), connections.dataSource(), callTimeout);
        this.clients = new ServerClients(REQUEST_TIMEOUT);
        this.everyUser = IntStream.range(0, settings.clients()).map(n -> n % TripData.USERS + 1).boxed().toList();
        this.users = everyUser;
    }

    static List<Implementations.Need> needs() {
        return List.of(POOL, VIRTUAL);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        Set<Duration> distinct = Set.copyOf(settings.latencies().values());
        String latency = distinct.size() == 1 ? "of " + millis(distinct.iterator().next()) + " each"
                : "(" + String.join(", ", settings.latencies().entrySet().stream()
                .map(entry -> entry.getKey().id() + " " + millis(entry.getValue())).toList()) + ")";
        return settings.clients() + " clients at once, each GET /dashboard/<user>: a profile query on " + settings.connections()
                + " database connections and 3 partner calls " + latency;
    }

    @Override
    public String unit() {
        return "request";
    }

    @Override
    public int barsPerRun() {
        return users.size();
    }

    /** A warm-up serves a tenth of the clients (at least a few): every model's classes, threads and connections in use. */
    @Override
    public void warmingUp(boolean on) {
        users = on ? everyUser.subList(0, Math.min(everyUser.size(), Math.max(WARM_UP_CLIENTS, everyUser.size() / 10))) : everyUser;
    }

    @Override
    public Optional<Duration> ideal(Map<Model, Summary> measured) {
        return Optional.of(settings.ideal());
    }

    @Override
    public String idealMeaning() {
        int rounds = (settings.clients() + settings.connections() - 1) / settings.connections();
        return "every request's calls at once, the profile queries " + settings.connections() + " at a time"
                + (rounds > 1 ? " (" + rounds + " rounds of " + millis(settings.latencies().get(Backend.PROFILE)) + ")" : "");
    }

    @Override
    public List<Contender> contenders() {
        return List.of(
                contender(Model.PLATFORM_POOL, POOL, "exercise 05's DashboardServer, Handlers.fixedPool(" + settings.pool() + ")",
                        code -> exercise(code, Handlers.fixedPool(settings.pool())),
                        "the JDK's HttpServer on a pool of " + settings.pool() + " platform threads, a request per thread",
                        start -> labBlocking(start, Executors.newFixedThreadPool(settings.pool()))),
                contender(Model.VIRTUAL_THREADS, VIRTUAL, "exercise 05's DashboardServer, Handlers.virtualThreads()",
                        code -> exercise(code, Handlers.virtualThreads()),
                        "the JDK's HttpServer, a virtual thread per request", start -> labBlocking(start, Executors.newVirtualThreadPerTaskExecutor())),
                Contender.runs(Model.COMPLETABLE_FUTURE, Contender.LAB, "an async handler: sendAsync to the partners, the query on "
                        + settings.connections() + " platform threads, the page sent when all four complete", this::labAsync));
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

    /** Exercise 05's server, started for the run and closed once every client has its answer. */
    private Trial exercise(ExerciseCode code, Handlers handlers) {
        ServerSettings serverSettings = new ServerSettings(dashboardSettings, handlers, settings.connections(),
                ServerSettings.PARTNER_LIMIT, DEADLINE, GRACE);
        return start -> {
            List<ServerClients.Answer> answers;
            try (AutoCloseable server = (AutoCloseable) code.callStatic("workshop.server.DashboardServer", "start",
                    new Class<?>[]{ServerSettings.class}, serverSettings)) {
                answers = clients.ask((URI) ExerciseCode.call(server, "uri", new Class<?>[0]), users);
            }
            check(answers);
            return () -> timeline(start, answers);
        };
    }

    private Callable<List<Bar>> labBlocking(RunStart start, ExecutorService handlers) throws Exception {
        List<ServerClients.Answer> answers;
        try (handlers; BlockingTripClient client = new BlockingTripClient(dashboardSettings);
             LabServers.Started server = LabServers.blocking(client, handlers)) {
            answers = clients.ask(server.uri(), users);
        }
        check(answers);
        return () -> timeline(start, answers);
    }

    private Callable<List<Bar>> labAsync(RunStart start) throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "event loop"));
        ExecutorService databaseThreads = Executors.newFixedThreadPool(settings.connections());
        HttpClient http = LabDashboards.httpOn(loop, dashboardSettings);
        List<ServerClients.Answer> answers;
        try (BlockingTripClient database = new BlockingTripClient(dashboardSettings);
             LabServers.Started server = LabServers.async(dashboardSettings, database, http, databaseThreads)) {
            answers = clients.ask(server.uri(), users);
        } finally {
            http.shutdownNow();
            http.close();
            loop.shutdownNow();
            databaseThreads.shutdownNow();
            loop.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            databaseThreads.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        check(answers);
        return () -> timeline(start, answers);
    }

    /** Every page answered must be the traveller's; refusals under load are counted, not wrong; other statuses are wrong. */
    private void check(List<ServerClients.Answer> answers) throws WrongAnswer {
        if (answers.size() != users.size()) {
            throw new WrongAnswer("expected " + users.size() + " answers, the clients got " + answers.size());
        }
        for (ServerClients.Answer answer : answers) {
            if (answer.status().isEmpty() || REFUSALS.contains(answer.status().get())) {
                continue;
            }
            int status = answer.status().get();
            if (status != DashboardPage.OK) {
                throw new WrongAnswer("user " + answer.user() + ", who has a profile, was answered " + status + ": "
                        + answer.body().lines().findFirst().orElse("(no body)"));
            }
            Dashboard expected = TripData.dashboard(answer.user());
            Dashboard page;
            try {
                page = DashboardPage.parse(answer.body());
            } catch (IllegalArgumentException e) {
                throw new WrongAnswer("the page of user " + answer.user() + ": " + e.getMessage());
            }
            if (!page.equals(expected) && !page.equals(withoutWeather(expected))) {
                throw new WrongAnswer("the page of user " + answer.user() + " should be " + expected + " but is " + page);
            }
        }
    }

    private static Dashboard withoutWeather(Dashboard dashboard) {
        return new Dashboard(dashboard.profile(), dashboard.flights(), dashboard.hotels(), WeatherFallback.TEXT);
    }

    /** One bar per request, from its sending to its answer, in the order the requests were sent. */
    private static List<Bar> timeline(RunStart start, List<ServerClients.Answer> answers) {
        return answers.stream()
                .sorted(Comparator.comparingLong(ServerClients.Answer::sentNanos))
                .map(answer -> start.request("user " + answer.user() + ": " + outcome(answer), answer.sentNanos(), answer.endNanos(),
                        outcome(answer)))
                .toList();
    }

    /** A request's outcome: its status, marked when the page came with the weather fallback; or why it got no answer. */
    private static String outcome(ServerClients.Answer answer) {
        boolean fallback = answer.status().filter(status -> status == DashboardPage.OK).isPresent()
                && answer.body().contains(WeatherFallback.TEXT);
        return answer.outcome() + (fallback ? " (weather fallback)" : "");
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    @Override
    public void close() {
        clients.close();
        try (backends) {
            connections.close();   // the pool before the database it holds connections to
        }
    }
}
