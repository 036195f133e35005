package workshop.kit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static workshop.kit.WorkshopAssertions.timedWithin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import workshop.kit.Budgets;

@DisplayName("The load generator")
class LoadGeneratorTest {

    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final int TOGETHER = 100;

    private HttpServer server;
    private URI base;
    private final CountDownLatch together = new CountDownLatch(TOGETHER);
    private final CountDownLatch stopping = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/status/", exchange -> answer(exchange, Integer.parseInt(exchange.getRequestURI().getPath().substring(8))));
        server.createContext("/paced", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "1");
            answer(exchange, LoadReport.SHED);
        });
        server.createContext("/slow", exchange -> {
            pause(LATENCY);
            answer(exchange, 200);
        });
        server.createContext("/together", exchange -> {
            together.countDown();
            answer(exchange, await(together, Budgets.GUARD) ? 200 : 504);
        });
        server.createContext("/never", exchange -> {
            await(stopping, Budgets.GUARD);
            answer(exchange, 200);
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        stopping.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).close();
    }

    @Test
    void accounts_for_every_request_by_status() throws Exception {
        LoadReport report = LoadGenerator.run(new LoadGenerator.Settings(40, 5, Budgets.GUARD),
                n -> base.resolve(n % 4 == 0 ? "/status/503" : "/status/200"));

        assertThat(report.requests()).isEqualTo(200);
        assertThat(report.byStatus()).isEqualTo(new TreeMap<>(Map.of(200, 150, 503, 50)));
        assertThat(report.unanswered()).isEmpty();
        assertThat(report.latencies()).hasSize(200);
        assertThat(report.summary()).startsWith("200 requests: 200 answered (200: 150, 503: 50), 50 of them 503 without Retry-After,"
                + " none unanswered; ");
    }

    @Test
    void counts_the_refusals_that_do_not_say_when_to_come_back() throws Exception {
        LoadReport report = LoadGenerator.run(new LoadGenerator.Settings(10, 3, Budgets.GUARD),
                n -> base.resolve(n % 3 == 0 ? "/status/503" : "/paced"));

        assertThat(report.answered(LoadReport.SHED)).isEqualTo(30);
        assertThat(report.unpaced()).isEqualTo(10);
    }

    @Test
    void holds_every_client_in_flight_at_once() throws Exception {
        LoadReport report = LoadGenerator.run(new LoadGenerator.Settings(TOGETHER, 1, Budgets.GUARD), n -> base.resolve("/together"));

        assertThat(report.answered(200)).as(report.summary()).isEqualTo(TOGETHER);
        assertThat(report.peakInFlight()).isEqualTo(TOGETHER);
    }

    @Test
    void counts_a_request_that_gets_no_answer_in_time_as_timed_out() throws Exception {
        Duration timeout = Duration.ofMillis(300);

        LoadReport report = timedWithin(Budgets.GUARD, "a run with requests that never get their answers",
                () -> LoadGenerator.run(new LoadGenerator.Settings(10, 1, timeout), n -> base.resolve(n % 2 == 0 ? "/never" : "/status/200")))
                .value();

        assertThat(report.answered(200)).isEqualTo(5);
        assertThat(report.unanswered()).isEqualTo(new TreeMap<>(Map.of(LoadGenerator.TIMED_OUT, 5)));
        assertThat(report.latencies()).hasSize(5);
    }

    @Test
    void counts_a_request_no_server_takes_as_refused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        LoadReport report = LoadGenerator.run(new LoadGenerator.Settings(3, 2, Budgets.GUARD),
                n -> URI.create("http://127.0.0.1:" + closedPort + "/"));

        assertThat(report.answered()).isZero();
        assertThat(report.unanswered()).isEqualTo(new TreeMap<>(Map.of(LoadGenerator.REFUSED, 6)));
    }

    @Test
    void measures_each_answer_from_its_request() throws Exception {
        LoadReport report = LoadGenerator.run(new LoadGenerator.Settings(20, 5, Budgets.GUARD), n -> base.resolve("/slow"));

        assertThat(report.answered(200)).isEqualTo(100);
        assertThat(report.percentile(50)).isGreaterThanOrEqualTo(LATENCY);
        assertThat(report.percentile(99)).isGreaterThanOrEqualTo(report.percentile(50));
        // each client waits for every answer before its next request: no more than 20 answers per latency
        assertThat(report.throughput()).isLessThanOrEqualTo(20 / (LATENCY.toNanos() / 1e9));
        assertThat(report.wall()).isGreaterThanOrEqualTo(LATENCY.multipliedBy(5));
    }

    @Nested
    @DisplayName("its report")
    class Report {

        private final LoadReport report = new LoadReport(101, new TreeMap<>(Map.of(200, 100)), new TreeMap<>(Map.of("timed out", 1)),
                IntStream.rangeClosed(1, 100).mapToObj(ms -> Duration.ofMillis(101 - ms)).toList(),
                Duration.ofSeconds(2), 37, 0);

        @Test
        void gives_percentiles_by_nearest_rank() {
            assertThat(List.of(report.percentile(1), report.percentile(50), report.percentile(99), report.percentile(100)))
                    .containsExactly(Duration.ofMillis(1), Duration.ofMillis(50), Duration.ofMillis(99), Duration.ofMillis(100));
        }

        @Test
        void says_everything_in_one_line() {
            assertThat(report.summary()).isEqualTo("101 requests: 100 answered (200: 100), 1 unanswered (timed out: 1);"
                    + " 50 answers/s, p50 50 ms, p99 99 ms; at most 37 in flight");
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean await(CountDownLatch latch, Duration atMost) {
        try {
            return latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
