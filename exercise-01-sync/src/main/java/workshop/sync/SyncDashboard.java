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
import java.util.List;
import workshop.trip.Backend;
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
        Profile profile = loadProfile(userId);
        List<String> flights = fetch(Backend.FLIGHTS, userId).items();
        List<String> hotels = fetch(Backend.HOTELS, userId).items();
        String weather = fetch(Backend.WEATHER, userId).items().getFirst();
        // Step 1: record a CallSpan for each of the four calls and return them as the timeline.
        return new TimedDashboard(new Dashboard(profile, flights, hotels, weather), List.of());
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
