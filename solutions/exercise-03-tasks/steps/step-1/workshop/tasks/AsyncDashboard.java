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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.tasks.TaskSettings;

/**
 * Builds trip dashboards as futures, as it stands after step 1 of the lesson (a state on the way
 * from the stub to the reference, for the instructor's walk through the steps).
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
        CompletableFuture<PartnerReply> flights = fetch(Backend.FLIGHTS, userId);
        CompletableFuture<PartnerReply> hotels = fetch(Backend.HOTELS, userId);
        CompletableFuture<String> weather = weather(userId);
        // Step 4: join() waits, and this callback runs on the loop: while it waits, nothing else runs there.
        // Step 6: cancelling the returned future stops none of the calls above.
        return profile.thenApplyAsync(found -> new Dashboard(found, flights.join().items(), hotels.join().items(), weather.join()), loop);
    }

    private CompletableFuture<String> weather(int userId) {
        // Step 2: the weather is optional, but here a slow weather API holds up the page and a broken one fails it.
        return fetch(Backend.WEATHER, userId)
                .thenApply(reply -> reply.items().getFirst());
    }

    /** One partner call: no thread waits for it. */
    private CompletableFuture<PartnerReply> fetch(Backend backend, int userId) {
        HttpRequest request = HttpRequest.newBuilder(settings.backends().partnerUri(backend, userId))
                .timeout(settings.backends().callTimeout())
                .GET()
                .build();
        // Step 4: the answer is read on whichever thread completed the exchange, not on the loop.
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> reply(backend, response, failure));
    }

    private PartnerReply reply(Backend backend, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof HttpTimeoutException) {
                throw new BackendException(backend, "no answer within " + settings.backends().callTimeout().toMillis() + " ms", cause);
            }
            if (cause instanceof IOException) {
                throw new BackendException(backend, "connection failed: " + cause.getMessage(), cause);
            }
            throw new BackendException(backend, String.valueOf(cause), cause);
        }
        if (response.statusCode() != 200) {
            throw new BackendException(backend, "HTTP status " + response.statusCode());
        }
        try {
            return PartnerReply.parse(backend, response.body());
        } catch (IllegalArgumentException e) {
            throw new BackendException(backend, e.getMessage(), e);
        }
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
