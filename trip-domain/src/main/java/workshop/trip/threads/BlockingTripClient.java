package workshop.trip.threads;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.DashboardSettings;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;

/**
 * The real {@link TripClient}: JDBC for the profile database, the JDK's {@link HttpClient} for
 * the partner APIs, each call limited to the settings' call timeout.
 *
 * <p>Create one per set of backends and share it between all your threads; close it when done
 * (try-with-resources), which releases its connections and its selector thread.
 *
 * <p>Invariants: every call ends within the call timeout (a JDBC query timeout is rounded up to
 * whole seconds); every failure leaves as a {@link BackendException} that names the backend, with
 * the original exception as its cause; an interrupt leaves as an {@link InterruptedException}
 * (see {@link TripClient}). The client holds no state of its own between calls besides its
 * connection pool, so it is thread-safe.
 */
public final class BlockingTripClient implements TripClient, AutoCloseable {

    private final DashboardSettings settings;
    private final ExecutorService httpTasks = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    public BlockingTripClient(DashboardSettings settings) {
        this.settings = settings;
        // The HTTP client's own bookkeeping runs on virtual threads: a thousand calls at once
        // cost no thousand platform threads.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.callTimeout())
                .executor(httpTasks)
                .build();
    }

    @Override
    public Profile profile(int userId) throws InterruptedException {
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
            throw interruptedOr(e, new BackendException(Backend.PROFILE,
                    "no answer within " + settings.callTimeout().toMillis() + " ms", e));
        } catch (SQLException e) {
            throw interruptedOr(e, new BackendException(Backend.PROFILE, e.getMessage(), e));
        }
    }

    @Override
    public PartnerReply partner(Backend backend, int userId) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(settings.partnerUri(backend, userId))
                .timeout(settings.callTimeout())
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new BackendException(backend, "no answer within " + settings.callTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw interruptedOr(e, new BackendException(backend, "connection failed: " + e.getMessage(), e));
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

    /**
     * A database or connection error caused by an interrupt is an interrupt: the caller asked to
     * stop, nothing is wrong with the backend. Throws the InterruptedException (status cleared),
     * otherwise returns {@code failure} for the caller to throw.
     */
    private static BackendException interruptedOr(Exception cause, BackendException failure) throws InterruptedException {
        if (Thread.interrupted() || causedByInterrupt(cause)) {
            InterruptedException interrupted = new InterruptedException("interrupted while waiting for the "
                    + failure.backend());
            interrupted.initCause(cause);
            throw interrupted;
        }
        return failure;
    }

    private static boolean causedByInterrupt(Throwable failure) {
        for (Throwable at = failure; at != null; at = at.getCause()) {
            if (at instanceof InterruptedException || at instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /** JDBC counts query timeouts in whole seconds: round up, so the limit is never shorter than asked. */
    private static int wholeSecondsAtLeast(Duration timeout) {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /**
     * Abandons calls still in flight, releases the HTTP client's connections, and returns once its
     * selector thread has ended.
     */
    @Override
    public void close() {
        http.shutdownNow();
        http.close();
        httpTasks.shutdownNow();
    }
}
