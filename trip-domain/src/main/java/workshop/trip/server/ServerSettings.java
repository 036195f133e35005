package workshop.trip.server;

import java.time.Duration;
import java.util.Objects;
import workshop.trip.DashboardSettings;

/**
 * How the dashboard server runs: where its backends are, which threads handle requests, what is
 * scarce, and how long a request and a shutdown may take.
 *
 * <pre>{@code
 * ServerSettings settings = ServerSettings.of(backends)
 *         .withHandlers(Handlers.virtualThreads())
 *         .withDeadline(Duration.ofSeconds(2));
 * }</pre>
 *
 * @param backends            the profile database (a connection pool) and the partner APIs; its
 *                            call timeout is the longest any one call may take
 * @param handlers            which threads run the request handlers
 * @param databaseConnections the connection pool's size: more queries than this at once only wait
 *                            for a connection
 * @param partnerLimit        the most partner API calls the partners accept in flight at once,
 *                            all requests together
 * @param deadline            a request's whole time, from its arrival to its answer
 * @param grace               how long a shutdown lets the requests in flight finish
 */
public record ServerSettings(DashboardSettings backends, Handlers handlers, int databaseConnections, int partnerLimit,
                             Duration deadline, Duration grace) {

    /** Connections in the pool the workshop's tests hand you, unless a test says otherwise. */
    public static final int DATABASE_CONNECTIONS = 4;

    /** Partner calls in flight at once, unless a test says otherwise. */
    public static final int PARTNER_LIMIT = 64;

    public ServerSettings {
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(grace, "grace");
        if (databaseConnections < 1 || partnerLimit < 1) {
            throw new IllegalArgumentException("the limits must be at least 1: databaseConnections=" + databaseConnections
                    + ", partnerLimit=" + partnerLimit);
        }
        if (deadline.isNegative() || deadline.isZero() || grace.isNegative()) {
            throw new IllegalArgumentException("the deadline must be positive and the grace not negative: deadline="
                    + deadline + ", grace=" + grace);
        }
    }

    /**
     * Virtual-thread handlers, the default limits, and a deadline and a grace period of twice the
     * backends' call timeout each.
     */
    public static ServerSettings of(DashboardSettings backends) {
        Duration twoCalls = backends.callTimeout().multipliedBy(2);
        return new ServerSettings(backends, Handlers.virtualThreads(), DATABASE_CONNECTIONS, PARTNER_LIMIT, twoCalls, twoCalls);
    }

    public ServerSettings withHandlers(Handlers handlers) {
        return new ServerSettings(backends, handlers, databaseConnections, partnerLimit, deadline, grace);
    }

    public ServerSettings withDatabaseConnections(int databaseConnections) {
        return new ServerSettings(backends, handlers, databaseConnections, partnerLimit, deadline, grace);
    }

    public ServerSettings withPartnerLimit(int partnerLimit) {
        return new ServerSettings(backends, handlers, databaseConnections, partnerLimit, deadline, grace);
    }

    public ServerSettings withDeadline(Duration deadline) {
        return new ServerSettings(backends, handlers, databaseConnections, partnerLimit, deadline, grace);
    }

    public ServerSettings withGrace(Duration grace) {
        return new ServerSettings(backends, handlers, databaseConnections, partnerLimit, deadline, grace);
    }
}
