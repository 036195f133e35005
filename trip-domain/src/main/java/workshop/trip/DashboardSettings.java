package workshop.trip;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where a dashboard finds its backends, and how long one call to any of them may take.
 *
 * @param partnerApi  the partner APIs' base address; {@code /flights}, {@code /hotels} and
 *                    {@code /weather} are resolved against it, with the query {@code ?user=<id>}
 * @param profiles    the profile database
 * @param callTimeout the longest one backend call may take before the dashboard gives up on it
 */
public record DashboardSettings(URI partnerApi, DataSource profiles, Duration callTimeout) {

    public DashboardSettings {
        Objects.requireNonNull(partnerApi, "partnerApi");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** The address of one partner API call for one user, for example {@code .../flights?user=7}. */
    public URI partnerUri(Backend backend, int userId) {
        return partnerApi.resolve(backend.path() + "?user=" + userId);
    }
}
