package workshop.server;


import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.TripBackends;
import workshop.kit.TripData;
import workshop.kit.load.LoadGenerator;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.kit.profile.ConnectionPool;
import workshop.trip.Dashboard;
import workshop.trip.DashboardSettings;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.ServerSettings;
import workshop.trip.tasks.WeatherFallback;

/**
 * What every check of the {@link DashboardServer} starts from: fresh backends that answer after
 * {@link Budgets#SHORT_LATENCY}, a connection pool of {@link ServerSettings#DATABASE_CONNECTIONS}
 * over the profile database, and the servers a check starts, all closed after it.
 *
 * <p>After a check the partner APIs close first: a request that a server still holds at a partner
 * (a rendezvous that never filled, a hung call) then ends at once, so closing the servers is quick
 * even for a server that answers one request at a time. Then the servers, the pool, the database.
 */
abstract class ServerFixture {

    /**
     * A wait no check sits out: the call timeout, and the clients' wait, of a check whose requests meet at a
     * rendezvous. The rendezvous, or the request's deadline, ends a call long before; and when the rendezvous
     * waits in vain, {@link #awaitOpen} closes the partner APIs, which ends every call still held there.
     */
    static final Duration PATIENT = Budgets.GUARD;

    TripBackends backends;
    ConnectionPool pool;
    private final List<DashboardServer> servers = new ArrayList<>();
    private HttpClient client;

    @BeforeEach
    void start_the_backends() {
        backends = TripBackends.start();
        backends.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY));
        backends.profiles().latency(Budgets.SHORT_LATENCY);
        pool = ConnectionPool.over(backends.profiles(), ServerSettings.DATABASE_CONNECTIONS);
    }

    @AfterEach
    void stop_everything() {
        backends.partners().close();
        try (TripBackends started = backends; ConnectionPool opened = pool; HttpClient own = client) {
            servers.forEach(DashboardServer::close);
        }
    }

    /** Settings on these backends and this pool, with the kit's call timeout. */
    ServerSettings settings() {
        return settings(Budgets.CALL_TIMEOUT);
    }

    /**
     * Settings on these backends and this pool, with {@code callTimeout} as the longest a call may take;
     * the deadline and the grace are twice that, as {@link ServerSettings#of} says.
     */
    ServerSettings settings(Duration callTimeout) {
        return ServerSettings.of(new DashboardSettings(backends.partners().baseUri(), pool.dataSource(), callTimeout))
                .withDatabaseConnections(pool.size());
    }

    /** Starts a server that the fixture closes after the check, if the check has not. */
    DashboardServer start(ServerSettings settings) throws IOException {
        DashboardServer server = DashboardServer.start(settings);
        servers.add(server);
        return server;
    }

    /** The address of user {@code user}'s dashboard on {@code server}. */
    static URI dashboardOf(DashboardServer server, int user) {
        return server.uri().resolve(DashboardPage.PATH.substring(1) + user);
    }

    /** {@code clients} clients at once, one request each, to users 1, 2, 3, ... */
    static LoadReport load(DashboardServer server, int clients, Duration requestTimeout) throws InterruptedException {
        return LoadGenerator.run(new LoadGenerator.Settings(clients, 1, requestTimeout), n -> dashboardOf(server, n + 1));
    }

    /**
     * Clients at once, sending in the background while the check acts; {@link #report()} waits for their
     * answers. Close it (try-with-resources) so that no client outlives the check.
     */
    static final class Running implements AutoCloseable {
        private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();
        private final Future<LoadReport> report;

        private Running(DashboardServer server, int clients, Duration clientWait) {
            report = runner.submit(() -> load(server, clients, clientWait));
        }

        /** Every request's answer, or its reason for none, once each client has its answer or has given up. */
        LoadReport report() throws InterruptedException {
            try {
                return report.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the check's clients failed", e.getCause());
            }
        }

        @Override
        public void close() {
            runner.close();
        }
    }

    /** {@code clients} clients at once, one request each to users 1, 2, 3, ..., sending in the background. */
    static Running loadInBackground(DashboardServer server, int clients, Duration clientWait) {
        return new Running(server, clients, clientWait);
    }

    /** How long a check waits for a rendezvous to open: its own wait, plus slack for the requests to get there. */
    static final Duration RENDEZVOUS_OPENS = Budgets.RENDEZVOUS_WAIT.plus(Budgets.SLACK);

    /**
     * How long the requests at a rendezvous may stay no more than they are before the check concludes that no
     * more will come: a server that takes requests one at a time shows it at once, and a correct one, however
     * busy the machine, brings one more in far less.
     */
    static final Duration STALL = Budgets.SETTLE;

    /**
     * Waits until the count {@code most} (a most-at-once figure, which never falls) reaches {@code target}: at
     * most {@link #RENDEZVOUS_OPENS}, and no longer than {@link #STALL} once it has begun to grow and then
     * stopped. Returns whether it got there.
     */
    static boolean reaches(IntSupplier most, int target) throws InterruptedException {
        return reaches(most, target, RENDEZVOUS_OPENS);
    }

    /** {@link #reaches(IntSupplier, int)}, waiting at most {@code cap} in all. */
    static boolean reaches(IntSupplier most, int target, Duration cap) throws InterruptedException {
        long start = System.nanoTime();
        long grew = start;
        int seen = 0;
        while (most.getAsInt() < target) {
            long now = System.nanoTime();
            int count = most.getAsInt();
            if (count > seen) {
                seen = count;
                grew = now;
            }
            if (seen > 0 && now - grew > STALL.toNanos() || now - start > cap.toNanos()) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** How {@link #reaches} waited, a sentence for a message. */
    static String howTheCheckWaited() {
        return howTheCheckWaited(RENDEZVOUS_OPENS);
    }

    /** How {@link #reaches} waited with this cap, a sentence for a message. */
    static String howTheCheckWaited(Duration cap) {
        return "The check waited until their number had stopped growing for " + Budgets.describe(STALL) + " (at most "
                + Budgets.describe(cap) + ").";
    }

    /**
     * Waits until {@code rendezvous} opens ({@link #reaches}). When it does not, closes the partner APIs, so
     * that every request still held at one ends at once, and lets the database answer at once, so that a
     * server that works on one request at a time soon answers the others; then waits for the clients'
     * answers, and fails with the message {@code failure} gives, followed by those answers.
     */
    void awaitOpen(Rendezvous rendezvous, Running clients, Supplier<String> failure) throws InterruptedException {
        if (!reaches(rendezvous::mostTogether, rendezvous.parties())) {
            backends.partners().close();
            backends.profiles().latency(Duration.ZERO);
            String seen = failure.get();
            throw new AssertionError(seen + " " + howTheCheckWaited() + " The answers, once the check had closed the partner"
                    + " APIs: " + clients.report().summary());
        }
    }

    /**
     * {@code clients} clients at once against {@code server}, each waiting at most {@code clientWait}, while
     * {@code rendezvous} fills: their answers once it has opened; otherwise, as {@link #awaitOpen} does, a
     * failure with the message {@code failure} gives, as soon as the rendezvous has waited in vain.
     */
    LoadReport loadMeeting(Rendezvous rendezvous, DashboardServer server, int clients, Duration clientWait,
                           Supplier<String> failure) throws InterruptedException {
        try (Running running = loadInBackground(server, clients, clientWait)) {
            awaitOpen(rendezvous, running, failure);
            return running.report();
        }
    }

    /** The page a correct server sends user {@code user} when every backend answers. */
    static String pageOf(int user) {
        return DashboardPage.render(TripData.dashboard(user));
    }

    /** The page a correct server sends user {@code user} when the weather API fails or is late. */
    static String pageWithoutWeatherOf(int user) {
        Dashboard full = TripData.dashboard(user);
        return DashboardPage.render(new Dashboard(full.profile(), full.flights(), full.hotels(), WeatherFallback.TEXT));
    }

    /**
     * One answer, as a client saw it.
     *
     * @param status     the HTTP status, or {@code 0} when no answer came
     * @param body       the body, or why no answer came
     * @param retryAfter the {@code Retry-After} header, if any
     * @param took       from sending the request to its answer (or to giving up)
     */
    record Answer(int status, String body, Optional<String> retryAfter, Duration took) {

        boolean answered() {
            return status != 0;
        }

        /** Whether the server's door was shut: the connection was refused. */
        boolean refused() {
            return !answered() && body.startsWith(ConnectException.class.getSimpleName());
        }

        /** For messages: "200 after 312 ms", "no answer after 3.0 s (HttpTimeoutException: ...)". */
        String describe() {
            return answered() ? status + retryAfter.map(seconds -> " (Retry-After: " + seconds + ")").orElse("") + " after "
                    + Budgets.describe(took) : "no answer after " + Budgets.describe(took) + " (" + body + ")";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** Asks {@code server} for the dashboard at {@code path} (for example {@code "dashboard/7"}), waiting at most {@code timeout}. */
    Answer get(DashboardServer server, String path, Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(timeout).GET().build();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
                    Duration.ofNanos(System.nanoTime() - sent));
        } catch (IOException e) {
            return new Answer(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    Optional.empty(), Duration.ofNanos(System.nanoTime() - sent));
        }
    }

    /** Asks {@code server} for user {@code user}'s dashboard, waiting at most {@code timeout}. */
    Answer get(DashboardServer server, int user, Duration timeout) throws InterruptedException {
        return get(server, DashboardPage.PATH.substring(1) + user, timeout);
    }

    /** Asks for the dashboards of {@code users}, all at once, each client waiting at most {@code timeout}; the answers in the same order. */
    List<Answer> getAtOnce(DashboardServer server, List<Integer> users, Duration timeout) throws InterruptedException {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int user : users) {
                answers.add(clients.submit(() -> get(server, user, timeout)));
            }
            List<Answer> result = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                try {
                    result.add(answer.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a client of the check failed", e.getCause());
                }
            }
            return result;
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Budgets.GUARD).build();
        }
        return client;
    }

    /** How many of {@code probe}'s calls ran on a virtual thread (a virtual thread's name in {@code Thread.toString()} begins so). */
    static long onVirtualThreads(CallProbe probe) {
        return probe.spans().stream().filter(span -> span.thread().startsWith("VirtualThread")).count();
    }

    /** "(lesson, step n)", the end of every message. */
    static String lesson(int step) {
        return "(lesson, step " + step + ")";
    }
}
