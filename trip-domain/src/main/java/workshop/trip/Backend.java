package workshop.trip;

/**
 * The four places a trip dashboard gets its data from: one database and three partner APIs.
 *
 * <p>Every failure a dashboard reports names one of these, so that the person on call knows
 * where to look.
 */
public enum Backend {
    PROFILE("profile database", null),
    FLIGHTS("flights API", "/flights"),
    HOTELS("hotels API", "/hotels"),
    WEATHER("weather API", "/weather");

    private final String label;
    private final String path;

    Backend(String label, String path) {
        this.label = label;
        this.path = path;
    }

    /** How people call this backend, for example {@code "flights API"}. */
    public String label() {
        return label;
    }

    /** The partner API's path, for example {@code "/flights"}; the database has none. */
    public String path() {
        if (path == null) {
            throw new UnsupportedOperationException(label + " is a database, not an HTTP API");
        }
        return path;
    }

    /** The id partner replies carry on their first line, for example {@code "flights"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return label;
    }
}
