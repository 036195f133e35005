package workshop.kit.partner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import workshop.kit.CallProbe;
import workshop.kit.TripData;
import workshop.trip.Backend;

/**
 * The three partner APIs (flights, hotels, weather) as a real HTTP server on loopback, with the
 * latency and faults each test sets, and probes that count what it received.
 *
 * <pre>{@code
 * try (PartnerApiServer partners = PartnerApiServer.start()) {
 *     partners.on(Backend.HOTELS, Behaviour.answersAfter(Budgets.LATENCY).withStatus(500));
 *     ... call partners.baseUri() ...
 *     assertThat(partners.probe().maxInFlight()).isEqualTo(3);
 * }
 * }</pre>
 *
 * <p>Every request runs on its own virtual thread, so the server is never the bottleneck: a
 * thousand delayed requests overlap. Requests are {@code GET /flights?user=7} and so on; a
 * request for an unknown user gets that user's generated items all the same.
 *
 * <p>{@link #close()} releases every waiting request at once and returns when all have ended.
 */
public final class PartnerApiServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<Backend, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final CallProbe all = new CallProbe();
    private final Map<Backend, CallProbe> probes = new EnumMap<>(Backend.class);

    static {
        // Answer without Nagle's delay: the JDK server otherwise holds small replies back for tens of milliseconds.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // Keep every idle connection open: past 200 (the default) the JDK server closes a connection just after
        // its answer, and a client that reuses it at once fails with "header parser received no bytes" (exercise 05's
        // thousand clients, and the thousand partner calls they make).
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
        }
    }

    private PartnerApiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a loopback port for the partner API test server", e);
        }
        server.setExecutor(handlers);
        for (Backend backend : Backend.values()) {
            if (backend != Backend.PROFILE) {
                behaviours.put(backend, Behaviour.normal());
                probes.put(backend, new CallProbe());
                server.createContext(backend.path(), exchange -> serve(backend, exchange));
            }
        }
    }

    /** Starts a server on a free loopback port; every endpoint answers normally until told otherwise. */
    public static PartnerApiServer start() {
        PartnerApiServer partners = new PartnerApiServer();
        partners.server.start();
        return partners;
    }

    /** The base address, for example {@code http://127.0.0.1:41234/}. */
    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    /** From now on, {@code backend} answers as {@code behaviour} says. */
    public PartnerApiServer on(Backend backend, Behaviour behaviour) {
        probe(backend);
        behaviours.put(backend, behaviour);
        return this;
    }

    /** Every endpoint answers as {@code behaviour} says. */
    public PartnerApiServer onAll(Behaviour behaviour) {
        probes.keySet().forEach(backend -> on(backend, behaviour));
        return this;
    }

    /** Calls to one endpoint. */
    public CallProbe probe(Backend backend) {
        CallProbe probe = probes.get(backend);
        if (probe == null) {
            throw new IllegalArgumentException(backend + " is not served over HTTP");
        }
        return probe;
    }

    /** Calls to all endpoints together. */
    public CallProbe probe() {
        return all;
    }

    private void serve(Backend backend, HttpExchange exchange) throws IOException {
        int user = TripData.userOf(exchange.getRequestURI());
        String what = backend.id() + "?user=" + user;
        CallProbe.Call call = all.begin(what);
        CallProbe.Call endpointCall = probes.get(backend).begin(what);
        Consumer<String> end = outcome -> {
            endpointCall.end(outcome);
            call.end(outcome);
        };
        String outcome = "client gone";
        try (exchange) {
            outcome = answer(backend, user, behaviours.get(backend), exchange, end);
        } catch (IOException e) {
            outcome = "client gone: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "server stopped";
        } finally {
            end.accept(outcome);
        }
    }

    private String answer(Backend backend, int user, Behaviour behaviour, HttpExchange exchange, Consumer<String> end)
            throws IOException, InterruptedException {
        if (behaviour.rendezvous() != null && !behaviour.rendezvous().arriveAndAwait(() -> closed.getCount() == 0)) {
            String outcome = "503 rendezvous timed out";
            send(exchange, 503, behaviour.rendezvous().timeoutMessage(), Duration.ZERO, () -> end.accept(outcome));
            return outcome;
        }
        if (behaviour.body() == Behaviour.Body.HANG) {
            closed.await();
            return "hung until the server stopped";
        }
        if (pause(behaviour.latency())) {
            return "server stopped";
        }
        String body = switch (behaviour.body()) {
            case ITEMS -> behaviour.status() == 200
                    ? TripData.reply(backend, user).format()
                    : "partner error " + behaviour.status() + " (set by the test)";
            case MALFORMED -> "<html><body>Service temporarily unavailable</body></html>";
            case HANG -> throw new AssertionError("handled above");
        };
        String outcome = String.valueOf(behaviour.status());
        send(exchange, behaviour.status(), body, behaviour.bodyDelay(), () -> end.accept(outcome));
        return outcome;
    }

    /**
     * Sends the answer in two halves, {@code bodyDelay} apart. The call ends ({@code ending}) before the
     * last bytes go out: a client that has the whole answer and calls again at once must never find
     * its next call counted in flight beside this one, however late this thread runs again.
     */
    private void send(HttpExchange exchange, int status, String body, Duration bodyDelay, Runnable ending)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        OutputStream out = exchange.getResponseBody();
        int half = bytes.length / 2;
        out.write(bytes, 0, half);
        out.flush();
        if (!bodyDelay.isZero() && pause(bodyDelay)) {
            return;
        }
        ending.run();
        out.write(bytes, half, bytes.length - half);
    }

    /** Waits, or returns true at once if the server stops meanwhile. */
    private boolean pause(Duration delay) throws InterruptedException {
        return closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the server: every waiting request is released, and this returns when all have ended. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        handlers.close();
    }
}
