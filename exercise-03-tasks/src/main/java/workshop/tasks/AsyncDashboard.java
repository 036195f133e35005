package workshop.tasks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.tasks.TaskSettings;

/**
 * Builds trip dashboards and hands them over as futures, with the page put together on the event
 * loop ({@link TaskSettings#loop()}).
 *
 * <p>It gives the right pages, and it looks asynchronous: {@link #load} returns a future at once.
 * But every call still blocks a thread while it waits, the loop is one of those threads, and the
 * page waits for the optional weather as if it were required. Your job (README, steps 1 to 6):
 * make the waiting cost no thread, keep the loop free, give the weather a budget, and let a
 * cancelled page stop its calls.
 */
public final class AsyncDashboard implements AutoCloseable {

    private final TaskSettings settings;
    private final Executor loop;
    private final HttpClient http;

    public AsyncDashboard(TaskSettings settings) {
        this.settings = settings;
        this.loop = settings.loop();
        // Step 5: this client does its bookkeeping on a thread pool of its own, which grows with the calls in flight.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.backends().callTimeout())
                .build();
    }

    /** Starts loading the dashboard of {@code userId}; the future completes on the loop. */
    public CompletableFuture<Dashboard> load(int userId) {
        // Step 3: the JDBC query blocks its thread until the database answers, and here that thread is the loop.
        CompletableFuture<Profile> profile = CompletableFuture.supplyAsync(() -> loadProfile(userId), loop);
        // Step 1: each of these holds a common-pool thread while it waits for its answer.
        CompletableFuture<List<String>> flights = CompletableFuture.supplyAsync(() -> fetch(Backend.FLIGHTS, userId).items());
        CompletableFuture<List<String>> hotels = CompletableFuture.supplyAsync(() -> fetch(Backend.HOTELS, userId).items());
        // Step 2: the weather is optional, but here a slow weather API holds up the page and a broken one fails it.
        CompletableFuture<String> weather = CompletableFuture.supplyAsync(() -> fetch(Backend.WEATHER, userId).items().getFirst());
        // Step 4: join() waits, and this callback runs on the loop: while it waits, nothing else runs there.
        // Step 6: cancelling the returned future stops none of the calls above.
        return profile.thenApplyAsync(found -> new Dashboard(found, flights.join(), hotels.join(), weather.join()), loop);
    }

    private Profile loadProfile(int userId) {
        Duration timeout = settings.backends().callTimeout();
        try (Connection connection = settings.backends().profiles().getConnection();
             PreparedStatement query = connection.prepareStatement(Profile.QUERY)) {
            query.setQueryTimeout(wholeSecondsAtLeast(timeout));
            query.setInt(1, userId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new BackendException(Backend.PROFILE, "no profile for user " + userId);
                }
                return new Profile(userId, row.getString("name"), row.getString("home_airport"));
            }
        } catch (SQLTimeoutException e) {
            throw new BackendException(Backend.PROFILE, "no answer within " + timeout.toMillis() + " ms", e);
        } catch (SQLException e) {
            throw new BackendException(Backend.PROFILE, e.getMessage(), e);
        }
    }

    private PartnerReply fetch(Backend backend, int userId) {
        HttpRequest request = HttpRequest.newBuilder(settings.backends().partnerUri(backend, userId))
                .timeout(settings.backends().callTimeout())
                .GET()
                .build();
        try {
            // Step 1: send() blocks the calling thread until the answer is here; sendAsync() does not.
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BackendException(backend, "HTTP status " + response.statusCode());
            }
            return PartnerReply.parse(backend, response.body());
        } catch (HttpTimeoutException e) {
            throw new BackendException(backend, "no answer within " + settings.backends().callTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new BackendException(backend, "connection failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BackendException(backend, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(backend, "interrupted while waiting for the answer", e);
        }
    }

    /** JDBC counts query timeouts in whole seconds: round up, so the limit is never shorter than asked. */
    private static int wholeSecondsAtLeast(Duration timeout) {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Releases the HTTP client's connections and threads; pages still loading fail. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
