package workshop.sync;

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
import java.util.ArrayList;
import java.util.List;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.CallSpan;
import workshop.trip.Dashboard;
import workshop.trip.DashboardSettings;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.TimedDashboard;

/**
 * Builds one traveller's trip dashboard by calling its four backends one after another: the
 * profile database, then the flights, hotels and weather APIs.
 *
 * <p>Invariants: every backend call ends within the settings' call timeout (plus the JDBC
 * timeout's rounding up to whole seconds); every failure leaves as a {@link BackendException} that
 * names the backend and keeps the original exception as its cause; the returned timeline holds
 * one span per call, in the order they ran. The calling thread waits for each call in turn, so the
 * dashboard takes the sum of the four latencies.
 *
 * <p>Interrupts: a thread interrupted while it waits for a partner API gets a {@link BackendException}
 * naming that API, and stays interrupted, so that its caller learns it was asked to stop.
 *
 * <p>Thread-safe: each {@link #load} keeps its own timeline, and the HTTP client is thread-safe.
 */
public final class SyncDashboard implements AutoCloseable {

    private final DashboardSettings settings;
    private final HttpClient http;

    public SyncDashboard(DashboardSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.callTimeout()).build();
    }

    /**
     * Loads the dashboard of {@code userId}; the calling thread waits for each backend in turn.
     *
     * @throws BackendException naming the first backend that failed or did not answer in time
     */
    public TimedDashboard load(int userId) {
        List<CallSpan> timeline = new ArrayList<>();
        Profile profile = timed(Backend.PROFILE, timeline, () -> loadProfile(userId));
        List<String> flights = timed(Backend.FLIGHTS, timeline, () -> fetch(Backend.FLIGHTS, userId)).items();
        List<String> hotels = timed(Backend.HOTELS, timeline, () -> fetch(Backend.HOTELS, userId)).items();
        String weather = timed(Backend.WEATHER, timeline, () -> fetch(Backend.WEATHER, userId)).items().getFirst();
        return new TimedDashboard(new Dashboard(profile, flights, hotels, weather), timeline);
    }

    /** Runs one call and records its span, also when it fails. */
    private static <T> T timed(Backend backend, List<CallSpan> timeline, java.util.function.Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            timeline.add(new CallSpan(backend, start, System.nanoTime()));
        }
    }

    private Profile loadProfile(int userId) {
        try (Connection connection = settings.profiles().getConnection();
             PreparedStatement query = connection.prepareStatement(Profile.QUERY)) {
            query.setQueryTimeout(wholeSecondsAtLeast(settings.callTimeout()));
            query.setInt(1, userId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new BackendException(Backend.PROFILE, "no profile for user " + userId);
                }
                return new Profile(userId, row.getString("name"), row.getString("home_airport"));
            }
        } catch (SQLTimeoutException e) {
            throw new BackendException(Backend.PROFILE, "no answer within " + settings.callTimeout().toMillis() + " ms", e);
        } catch (SQLException e) {
            throw new BackendException(Backend.PROFILE, e.getMessage(), e);
        }
    }

    private PartnerReply fetch(Backend backend, int userId) {
        HttpRequest request = HttpRequest.newBuilder(settings.partnerUri(backend, userId))
                .timeout(settings.callTimeout())
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BackendException(backend, "HTTP status " + response.statusCode());
            }
            return PartnerReply.parse(backend, response.body());
        } catch (HttpTimeoutException e) {
            throw new BackendException(backend, "no answer within " + settings.callTimeout().toMillis() + " ms", e);
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

    /** Releases the HTTP client's connections and thread. */
    @Override
    public void close() {
        http.close();
    }
}
