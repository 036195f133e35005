package workshop.trip.tasks;

/**
 * What a page shows in place of the weather when the weather API is late or broken. The weather
 * is optional: without it the page is still worth showing, so its absence is marked, not fatal.
 */
public final class WeatherFallback {

    /** The weather line of a page whose weather did not arrive in time or could not be read. */
    public static final String TEXT = "weather unavailable right now";

    private WeatherFallback() {
    }

    /** Whether {@code weather} is the fallback rather than a forecast. */
    public static boolean isFallback(String weather) {
        return TEXT.equals(weather);
    }
}
