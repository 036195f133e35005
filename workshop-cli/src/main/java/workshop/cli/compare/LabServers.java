package workshop.cli.compare;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.DashboardSettings;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.server.DashboardPage;
import workshop.trip.threads.TripClient;

/**
 * The lab's own dashboard servers on the JDK's {@link HttpServer}, answering
 * {@code GET /dashboard/<user>} as {@link DashboardPage} says: a blocking one whose handlers run on
 * the executor it is given (a pool of platform threads, or a virtual thread per request), standing
 * in for exercise 05's server until its checks pass, and an asynchronous one that no exercise asks
 * for. Deliberately plain, as {@link LabDashboards} is: a failed backend fails the page (502), and
 * none of the limits, deadlines, fallbacks and shutdown exercise 05 teaches.
 */
final class LabServers {

    private static final int BACKLOG = 4096;

    private LabServers() {
    }

    /** A started server and its address. */
    record Started(HttpServer http, URI uri) implements AutoCloseable {

        /** Stops at once: the lab closes it once every client has its answer. */
        @Override
        public void close() {
            http.stop(0);
        }
    }

    /**
     * Each request handled on {@code handlers}, its four calls one after another through
     * {@code client}, the thread waiting out every one of them.
     */
    static Started blocking(TripClient client, Executor handlers) throws IOException {
        return start(handlers, exchange -> {
            try (exchange) {
                int user = userOf(exchange);
                if (user < 1) {
                    send(exchange, DashboardPage.BAD_REQUEST, "no user in " + exchange.getRequestURI().getPath());
                    return;
                }
                try {
                    send(exchange, DashboardPage.OK, DashboardPage.render(LabDashboards.sequential(client, List.of(user)).getFirst()));
                } catch (BackendException failed) {
                    send(exchange, DashboardPage.BAD_GATEWAY, failed.getMessage());
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    send(exchange, DashboardPage.SHED, "the server is stopping");
                }
            }
        });
    }

    /**
     * Each request's four calls started at once, and the handler returns: the partner calls with
     * {@code sendAsync} on {@code http} (no thread waits for them), the blocking profile query on
     * {@code databaseThreads}; the page is sent by whichever thread completes the last of them.
     * The handlers run on the server's own dispatcher thread: the only thread that takes requests.
     */
    static Started async(DashboardSettings settings, TripClient database, HttpClient http, ExecutorService databaseThreads)
            throws IOException {
        return start(null, exchange -> {
            int user = userOf(exchange);
            if (user < 1) {
                try (exchange) {
                    send(exchange, DashboardPage.BAD_REQUEST, "no user in " + exchange.getRequestURI().getPath());
                }
                return;
            }
            CompletableFuture<Profile> profile = LabDashboards.profile(database, user, databaseThreads);
            CompletableFuture<PartnerReply> flights = LabDashboards.partner(settings, http, Backend.FLIGHTS, user);
            CompletableFuture<PartnerReply> hotels = LabDashboards.partner(settings, http, Backend.HOTELS, user);
            CompletableFuture<PartnerReply> weather = LabDashboards.partner(settings, http, Backend.WEATHER, user);
            CompletableFuture.allOf(profile, flights, hotels, weather)
                    .thenApply(allThere -> DashboardPage.render(new Dashboard(profile.resultNow(), flights.resultNow().items(),
                            hotels.resultNow().items(), weather.resultNow().items().getFirst())))
                    .whenComplete((page, failure) -> {
                        try (exchange) {
                            if (failure == null) {
                                send(exchange, DashboardPage.OK, page);
                            } else {
                                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                                send(exchange, DashboardPage.BAD_GATEWAY, String.valueOf(cause.getMessage()));
                            }
                        } catch (IOException gone) {
                            // the client went away: nobody is left to answer
                        }
                    });
        });
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static Started start(Executor handlers, Handler handler) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        http.setExecutor(handlers);
        http.createContext(DashboardPage.PATH, handler::handle);
        http.start();
        InetSocketAddress address = http.getAddress();
        return new Started(http, URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/"));
    }

    private static int userOf(HttpExchange exchange) {
        String id = exchange.getRequestURI().getPath().substring(DashboardPage.PATH.length());
        return id.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(id) : -1;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (status == DashboardPage.SHED) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(DashboardPage.RETRY_AFTER_SECONDS));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
