package workshop.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import workshop.trip.Backend;
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
 * <p>It works when every backend answers, and that is all it does. Your job (README, steps 1 to 4):
 * record when each call ran, give every call a time limit, and turn every failure into a
 * {@link workshop.trip.BackendException} that names the backend.
 */
public final class SyncDashboard implements AutoCloseable {

    private final DashboardSettings settings;
    private final HttpClient http = HttpClient.newHttpClient();

    public SyncDashboard(DashboardSettings settings) {
        this.settings = settings;
    }

    /** Loads the dashboard of {@code userId}; the calling thread waits for each backend in turn. */
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
        // Step 3: a database that never answers keeps this thread waiting forever.
        try (Connection connection = settings.profiles().getConnection();
             PreparedStatement query = connection.prepareStatement(Profile.QUERY)) {
            query.setInt(1, userId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Profile(userId, row.getString("name"), row.getString("home_airport"));
            }
        } catch (SQLException e) {
            // Step 4: this error does not say which backend failed.
            throw new IllegalStateException(e);
        }
    }

    private PartnerReply fetch(Backend backend, int userId) {
        // Step 2: without a timeout, an API that never answers keeps this thread waiting forever.
        HttpRequest request = HttpRequest.newBuilder(settings.partnerUri(backend, userId)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            // Step 4: an error status is read as if it were a reply.
            return PartnerReply.parse(backend, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the " + backend, e);
        }
    }

    /** Releases the HTTP client's connections and thread. */
    @Override
    public void close() {
        http.close();
    }
}
