package workshop.kit.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Many clients at once against an HTTP server: each client is a virtual thread that sends its
 * requests one after another, waiting for each answer, through one shared {@link HttpClient}. Every
 * request is accounted for in the {@link LoadReport}: answered (by status, with its latency) or not
 * (timed out, refused, failed), so a server that drops a request cannot hide it.
 *
 * <pre>{@code
 * LoadReport report = LoadGenerator.run(new LoadGenerator.Settings(1_000, 1, Duration.ofSeconds(5)),
 *         request -> server.resolve("/dashboard/" + (request % 100 + 1)));
 * assertThat(report.answered(200)).isEqualTo(1_000);
 * }</pre>
 */
public final class LoadGenerator {

    /**
     * How much load.
     *
     * @param clients           clients at once, each a virtual thread
     * @param requestsPerClient requests each client sends, one after another
     * @param requestTimeout    how long a request may wait for its answer; then it counts as timed out
     */
    public record Settings(int clients, int requestsPerClient, Duration requestTimeout) {

        public Settings {
            if (clients < 1 || requestsPerClient < 1) {
                throw new IllegalArgumentException("at least one client and one request each, got " + clients + " and " + requestsPerClient);
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("the request timeout must be positive, got " + requestTimeout);
            }
        }

        int requests() {
            return clients * requestsPerClient;
        }
    }

    /** Why a request got no answer, as the report counts it. */
    static final String TIMED_OUT = "timed out";
    static final String REFUSED = "connection refused";

    private LoadGenerator() {
    }

    /**
     * Sends {@code settings.requests()} GET requests, request {@code n} (from 0) to {@code target.apply(n)},
     * and returns once every one has its answer or its reason for none.
     */
    public static LoadReport run(Settings settings, IntFunction<URI> target) throws InterruptedException {
        LoadReport.Builder report = new LoadReport.Builder(settings.requests());
        AtomicInteger inFlight = new AtomicInteger();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout()).build();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>(settings.clients());
            for (int client = 0; client < settings.clients(); client++) {
                int first = client * settings.requestsPerClient();
                running.add(clients.submit(() -> {
                    for (int n = first; n < first + settings.requestsPerClient(); n++) {
                        send(http, HttpRequest.newBuilder(target.apply(n)).timeout(settings.requestTimeout()).build(), inFlight, report);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                try {
                    client.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a client of the load generator failed", e.getCause());
                }
            }
            return report.build(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static void send(HttpClient http, HttpRequest request, AtomicInteger inFlight, LoadReport.Builder report)
            throws InterruptedException {
        report.inFlight(inFlight.incrementAndGet());
        long sent = System.nanoTime();
        try {
            HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
            report.answered(answer.statusCode(), answer.headers().firstValue("Retry-After").isPresent(),
                    Duration.ofNanos(System.nanoTime() - sent));
        } catch (HttpTimeoutException e) {
            report.unanswered(TIMED_OUT);
        } catch (ConnectException e) {
            report.unanswered(REFUSED);
        } catch (IOException e) {
            report.unanswered(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
