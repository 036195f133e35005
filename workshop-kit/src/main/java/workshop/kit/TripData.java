package workshop.kit;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workshop.trip.Backend;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;

/**
 * The sample data the test backends serve, generated from the user id alone, so that a test
 * knows the right dashboard for any user without storing it.
 */
public final class TripData {

    /** Users 1 to this number have a profile in the database. */
    public static final int USERS = 2_000;

    private static final List<String> NAMES = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Frances", "Tony");
    private static final List<String> AIRPORTS = List.of("FRA", "AMS", "LIS", "OSL", "VIE", "ZRH", "CPH");
    private static final List<String> SKIES = List.of("sunny", "cloudy", "light rain", "windy");
    private static final Pattern USER = Pattern.compile("(?:^|&)user=(-?\\d{1,9})(?:&|$)");

    private TripData() {
    }

    /** The profile stored for {@code userId}. */
    public static Profile profile(int userId) {
        int index = Math.floorMod(userId, 56);
        return new Profile(userId, NAMES.get(index % NAMES.size()) + " #" + userId, AIRPORTS.get(index % AIRPORTS.size()));
    }

    /** What {@code backend} answers for {@code userId}. */
    public static PartnerReply reply(Backend backend, int userId) {
        String home = profile(userId).homeAirport();
        List<String> items = switch (backend) {
            case FLIGHTS -> List.of(
                    "LH" + (400 + Math.floorMod(userId, 97)) + " " + home + "-JFK",
                    "KL" + (600 + Math.floorMod(userId, 89)) + " " + home + "-SFO");
            case HOTELS -> List.of(
                    "Harbour Inn, " + (2 + Math.floorMod(userId, 5)) + " nights",
                    "Station Hotel, " + (1 + Math.floorMod(userId, 4)) + " nights");
            case WEATHER -> List.of(SKIES.get(Math.floorMod(userId, SKIES.size())) + ", "
                    + (12 + Math.floorMod(userId, 15)) + "C at " + home);
            case PROFILE -> throw new IllegalArgumentException("the profile comes from the database");
        };
        return new PartnerReply(backend, items);
    }

    /** The dashboard a correct client builds for {@code userId} when every backend answers. */
    public static Dashboard dashboard(int userId) {
        return new Dashboard(
                profile(userId),
                reply(Backend.FLIGHTS, userId).items(),
                reply(Backend.HOTELS, userId).items(),
                reply(Backend.WEATHER, userId).items().getFirst());
    }

    /** The user id in a request's query ({@code ?user=7}), or -1 when there is none. */
    public static int userOf(URI request) {
        String query = request.getRawQuery();
        if (query == null) {
            return -1;
        }
        Matcher matcher = USER.matcher(query);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
