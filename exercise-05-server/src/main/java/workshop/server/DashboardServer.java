package workshop.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.ServerSettings;

/**
 * The trip dashboard, served over HTTP: {@code GET /dashboard/<user>} answers as
 * {@link DashboardPage} says.
 *
 * <p>It answers correctly, and one request at a time: the JDK's server runs every handler on its
 * one dispatcher thread, so a thousand travellers wait in line. The lesson (README) turns it, step
 * by step, into a server that holds a thousand at once, sheds what it cannot serve in time, keeps
 * every request's deadline, and shuts down without losing one.
 */
public final class DashboardServer implements AutoCloseable {

    private final ServerSettings settings;
    private final HttpServer http;
    private final HttpClient partners;

    private DashboardServer(ServerSettings settings) throws IOException {
        this.settings = settings;
        this.partners = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.backends().callTimeout()).build();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        // Steps 1 and 2: with no executor, every request runs on the server's one dispatcher thread;
        // which threads should run them, settings.handlers() says.
        http.createContext(DashboardPage.PATH, this::serve);
    }

    /** Starts a server on a free loopback port. */
    public static DashboardServer start(ServerSettings settings) throws IOException {
        DashboardServer server = new DashboardServer(settings);
        server.http.start();
        return server;
    }

    /** The server's address, for example {@code http://127.0.0.1:41234/}. */
    public URI uri() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    private void serve(HttpExchange exchange) {
        // Step 4: a request's deadline (settings.deadline()) runs from its arrival, here.
        // Step 5: and once close() has begun?
        try (exchange) {
            answer(exchange);
        } catch (IOException gone) {
            // The client went away: nobody is left to answer.
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        int user = userOf(exchange.getRequestURI());
        if (user < 1) {
            send(exchange, DashboardPage.BAD_REQUEST, "no user in " + exchange.getRequestURI().getPath());
            return;
        }
        try {
            send(exchange, DashboardPage.OK, DashboardPage.render(dashboard(user)));
        } catch (NoProfile missing) {
            send(exchange, DashboardPage.NOT_FOUND, missing.getMessage());
        } catch (BackendException failed) {
            send(exchange, DashboardPage.BAD_GATEWAY, failed.getMessage());
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            send(exchange, DashboardPage.SHED, "the server is shutting down");
        }
    }

    /** One request's calls, one after another. */
    private Dashboard dashboard(int user) throws InterruptedException {
        Profile profile = profile(user);
        List<String> flights = partner(Backend.FLIGHTS, user).items();
        List<String> hotels = partner(Backend.HOTELS, user).items();
        String weather = partner(Backend.WEATHER, user).items().getFirst(); // Step 4: the weather is optional
        return new Dashboard(profile, flights, hotels, weather);
    }

    private Profile profile(int user) {
        // Step 3: the pool has few connections, and it lets a caller wait for one far longer than a request may take.
        // Step 6: the driver waits while it holds a monitor: on which kind of thread should it run?
        try (Connection connection = settings.backends().profiles().getConnection();
             PreparedStatement query = connection.prepareStatement(Profile.QUERY)) {
            query.setQueryTimeout(wholeSecondsAtLeast(settings.backends().callTimeout()));
            query.setInt(1, user);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new NoProfile(user);
                }
                return new Profile(user, row.getString("name"), row.getString("home_airport"));
            }
        } catch (SQLException e) {
            throw new BackendException(Backend.PROFILE, e.getMessage(), e);
        }
    }

    private PartnerReply partner(Backend backend, int user) throws InterruptedException {
        // Step 3: the partners accept settings.partnerLimit() calls at once, all requests together.
        // Step 4: the time the request has left bounds this call too.
        HttpRequest request = HttpRequest.newBuilder(settings.backends().partnerUri(backend, user))
                .timeout(settings.backends().callTimeout())
                .GET().build();
        try {
            HttpResponse<String> response = partners.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BackendException(backend, "HTTP status " + response.statusCode());
            }
            return PartnerReply.parse(backend, response.body());
        } catch (HttpTimeoutException e) {
            throw new BackendException(backend, "no answer within its call timeout", e);
        } catch (IOException e) {
            throw new BackendException(backend, "connection failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BackendException(backend, e.getMessage(), e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int userOf(URI request) {
        String id = request.getPath().substring(DashboardPage.PATH.length());
        return id.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(id) : -1;
    }

    /** JDBC counts query timeouts in whole seconds: round up, so the limit is never shorter than asked. */
    private static int wholeSecondsAtLeast(Duration timeout) {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Stops the server at once (step 5: what becomes of the requests in flight?). */
    @Override
    public void close() {
        http.stop(0);
        partners.shutdownNow();
        partners.close();
    }

    private static final class NoProfile extends RuntimeException {
        NoProfile(int user) {
            super("no profile for user " + user, null, false, false);
        }
    }
}
