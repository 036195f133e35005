package workshop.server;

import static workshop.kit.WorkshopAssertions.awaitThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import workshop.kit.Budgets;
import workshop.kit.load.LoadReport;
import workshop.trip.DashboardSettings;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.ServerSettings;

/**
 * What the hidden checks add to the {@link ServerFixture}: settings with a call timeout of the
 * check's choosing, single requests whose answer (or its absence) becomes evidence, load that runs
 * beside the check, and waits for the connection pool to be whole again.
 */
abstract class ServerHiddenFixture extends ServerFixture {

    /** Clients that run beside a check; stopped after it, before the servers and backends. */
    private final ExecutorService beside = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop_the_clients_beside() {
        beside.shutdownNow();
        beside.close();
    }

    /** Settings on these backends and this pool, whose every single call may take {@code callTimeout}. */
    ServerSettings settings(Duration callTimeout) {
        return ServerSettings.of(new DashboardSettings(backends.partners().baseUri(), pool.dataSource(), callTimeout))
                .withDatabaseConnections(pool.size());
    }

    /** {@link #load} on a virtual thread of its own, while the check goes on. */
    Future<LoadReport> loadBeside(DashboardServer server, int clients, Duration requestTimeout) {
        return beside.submit(() -> load(server, clients, requestTimeout));
    }

    /** The report of a load started with {@link #loadBeside}, waiting for it at most {@code budget}. */
    static LoadReport reportOf(Future<LoadReport> load, Duration budget) throws InterruptedException, ExecutionException {
        try {
            return load.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("expected the clients to have every answer within " + Budgets.describe(budget)
                    + ", but they still waited then");
        }
    }

    /**
     * One request's outcome: its status, or {@link #NO_ANSWER} with the reason in {@code body}.
     *
     * @param status     the HTTP status, or {@link #NO_ANSWER}
     * @param retryAfter the {@code Retry-After} header, if any
     * @param body       the body, or why there was no answer
     * @param took       from sending to the answer or to giving up
     */
    record Answer(int status, Optional<String> retryAfter, String body, Duration took) {

        static final int NO_ANSWER = -1;

        boolean refused() {
            return status == NO_ANSWER && body.startsWith(REFUSED);
        }

        @Override
        public String toString() {
            return (status == NO_ANSWER ? body : "status " + status + retryAfter.map(r -> " (Retry-After: " + r + ")").orElse(""))
                    + " after " + Budgets.describe(took);
        }
    }

    static final String REFUSED = "connection refused";

    /** GET {@code uri}, waiting at most {@code timeout} for the answer. */
    static Answer get(URI uri, Duration timeout) throws InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build()) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.headers().firstValue("Retry-After"), response.body(), since(sent));
            } catch (HttpTimeoutException e) {
                return new Answer(Answer.NO_ANSWER, Optional.empty(), "no answer within " + Budgets.describe(timeout), since(sent));
            } catch (ConnectException e) {
                return new Answer(Answer.NO_ANSWER, Optional.empty(), REFUSED, since(sent));
            } catch (IOException e) {
                return new Answer(Answer.NO_ANSWER, Optional.empty(), "no answer: " + e, since(sent));
            }
        }
    }

    /** GET {@code path} under the dashboards of {@code server}. */
    static Answer get(DashboardServer server, String path, Duration timeout) throws InterruptedException {
        return get(server.uri().resolve(DashboardPage.PATH.substring(1) + path), timeout);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /** The longest latency of the answered requests; zero when none was answered. */
    static Duration slowest(LoadReport report) {
        List<Duration> latencies = report.latencies();
        return latencies.isEmpty() ? Duration.ZERO : latencies.getLast();
    }

    /** The shortest latency of the answered requests; zero when none was answered. */
    static Duration fastest(LoadReport report) {
        List<Duration> latencies = report.latencies();
        return latencies.isEmpty() ? Duration.ZERO : latencies.getFirst();
    }

    /**
     * How long a query may still run after its request gave up: JDBC counts a query timeout in whole
     * seconds, so the request's deadline rounded up, plus {@link Budgets#SLACK}.
     */
    static Duration queryOutlives(Duration deadline) {
        return Duration.ofSeconds((deadline.toMillis() + 999) / 1000).plus(Budgets.SLACK);
    }

    /** Waits until every connection of the pool is back, at most {@code budget}; {@code step} names the lesson step. */
    void awaitEveryConnectionBack(Duration budget, String after, int step) {
        awaitThat("every connection back in the pool", budget, () -> pool.inUse() == 0,
                () -> "expected every database connection back in the pool within " + Budgets.describe(budget) + " " + after
                        + ", but " + pool.inUse() + " of " + pool.size() + " were still in use, with "
                        + backends.profiles().probe().inFlight() + " profile queries running. A request gives back the"
                        + " connection it took however it ends (lesson, step " + step + ").");
    }
}
