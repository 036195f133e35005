package workshop.kit;

import java.time.Duration;
import workshop.kit.partner.PartnerApiServer;
import workshop.kit.profile.ProfileDatabase;
import workshop.trip.DashboardSettings;

/**
 * All four backends of a trip dashboard for one test: the partner APIs and the profile database,
 * started together and closed together.
 *
 * <pre>{@code
 * try (TripBackends backends = TripBackends.start();
 *      SyncDashboard dashboard = new SyncDashboard(backends.settings())) {
 *     backends.partners().on(Backend.WEATHER, Behaviour.hangs());
 *     ...
 * }
 * }</pre>
 */
public record TripBackends(PartnerApiServer partners, ProfileDatabase profiles) implements AutoCloseable {

    /** Starts both, each answering after {@link Budgets#LATENCY}. */
    public static TripBackends start() {
        return new TripBackends(PartnerApiServer.start(), ProfileDatabase.start());
    }

    /** Settings pointing at these backends, with {@link Budgets#CALL_TIMEOUT} per call. */
    public DashboardSettings settings() {
        return settings(Budgets.CALL_TIMEOUT);
    }

    /** Settings pointing at these backends, with the given time limit per call. */
    public DashboardSettings settings(Duration callTimeout) {
        return new DashboardSettings(partners.baseUri(), profiles.dataSource(), callTimeout);
    }

    @Override
    public void close() {
        try (profiles) {
            partners.close();
        }
    }
}
