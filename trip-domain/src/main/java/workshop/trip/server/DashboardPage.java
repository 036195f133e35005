package workshop.trip.server;

import java.util.Arrays;
import java.util.List;
import workshop.trip.Dashboard;
import workshop.trip.Profile;

/**
 * What the dashboard server answers, and the page it sends for one traveller.
 *
 * <p>{@code GET /dashboard/<user>} answers with one of:
 * <ul>
 *   <li>{@value #OK}: the page, as {@link #render} writes it;</li>
 *   <li>{@value #BAD_REQUEST}: the path names no user (a user id is a positive number);</li>
 *   <li>{@value #NOT_FOUND}: the profile database has no profile for that user;</li>
 *   <li>{@value #BAD_GATEWAY}: the profile database, the flights API or the hotels API failed;</li>
 *   <li>{@value #SHED}, with a {@code Retry-After} header of {@value #RETRY_AFTER_SECONDS} second:
 *       the server cannot serve the request in time (it would wait past its deadline for a scarce
 *       resource), or it is shutting down; the client may try again later;</li>
 *   <li>{@value #GATEWAY_TIMEOUT}: the request's deadline passed before a backend it needs answered.</li>
 * </ul>
 * The weather is optional: when the weather API fails or is late, the page says so
 * ({@link workshop.trip.tasks.WeatherFallback}) and the answer is still {@value #OK}.
 *
 * <pre>{@code
 * user 7 Ada Lovelace FRA
 * flights LH400 FRA-JFK 09:40|UA901 FRA-SFO 11:15
 * hotels Hotel Adlon|Hotel de Rome
 * weather FRA sunny 21C
 * }</pre>
 */
public final class DashboardPage {

    /** Where the server serves dashboards: {@code /dashboard/7} is the page of user 7. */
    public static final String PATH = "/dashboard/";

    public static final int OK = 200;
    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int BAD_GATEWAY = 502;
    public static final int SHED = 503;
    public static final int GATEWAY_TIMEOUT = 504;

    /** The {@code Retry-After} a {@value #SHED} answer carries, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private static final String ITEMS = "|";

    private DashboardPage() {
    }

    /** The page of one dashboard, four lines as the class javadoc shows. */
    public static String render(Dashboard dashboard) {
        Profile profile = dashboard.profile();
        return "user " + profile.userId() + " " + profile.name() + " " + profile.homeAirport() + "\n"
                + "flights " + String.join(ITEMS, dashboard.flights()) + "\n"
                + "hotels " + String.join(ITEMS, dashboard.hotels()) + "\n"
                + "weather " + dashboard.weather() + "\n";
    }

    /**
     * Reads a page back.
     *
     * @throws IllegalArgumentException when {@code page} is not a page {@link #render} wrote; the
     *                                  message quotes what came
     */
    public static Dashboard parse(String page) {
        List<String> lines = page == null ? List.of() : page.lines().toList();
        if (lines.size() != 4 || !lines.get(0).startsWith("user ") || !lines.get(1).startsWith("flights ")
                || !lines.get(2).startsWith("hotels ") || !lines.get(3).startsWith("weather ")) {
            throw new IllegalArgumentException("not a dashboard page (user, flights, hotels, weather lines): '"
                    + (page == null ? "" : page.length() <= 120 ? page : page.substring(0, 120) + "...") + "'");
        }
        String[] user = lines.get(0).split(" ");
        String name = String.join(" ", Arrays.asList(user).subList(2, user.length - 1));
        Profile profile = new Profile(Integer.parseInt(user[1]), name, user[user.length - 1]);
        return new Dashboard(profile, items(lines.get(1), "flights "), items(lines.get(2), "hotels "),
                lines.get(3).substring("weather ".length()));
    }

    private static List<String> items(String line, String label) {
        String items = line.substring(label.length());
        return items.isEmpty() ? List.of() : List.of(items.split("\\" + ITEMS));
    }
}
