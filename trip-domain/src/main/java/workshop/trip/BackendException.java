package workshop.trip;

import java.util.Objects;

/**
 * The one way a dashboard fails: it names the backend that failed and why.
 *
 * <p>Use it for every failure of a backend call (an error status, a malformed reply, a timeout,
 * a database error), with the original exception as the cause. Callers then handle one type and
 * can still tell the flights API from the database.
 */
public class BackendException extends RuntimeException {

    private final Backend backend;

    public BackendException(Backend backend, String reason, Throwable cause) {
        super(Objects.requireNonNull(backend, "backend") + " failed: " + reason, cause);
        this.backend = backend;
    }

    public BackendException(Backend backend, String reason) {
        this(backend, reason, null);
    }

    /** The backend that failed. */
    public Backend backend() {
        return backend;
    }
}
