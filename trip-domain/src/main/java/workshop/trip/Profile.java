package workshop.trip;

/**
 * A traveller's profile, as stored in the profile database.
 *
 * @param userId      the traveller's id
 * @param name        the traveller's name
 * @param homeAirport the airport the traveller flies from, for example {@code "FRA"}
 */
public record Profile(int userId, String name, String homeAirport) {

    /**
     * The query that loads one profile: one parameter, the user id; columns {@code name} and
     * {@code home_airport}. It blocks for as long as the database takes.
     */
    public static final String QUERY = "SELECT name, home_airport FROM profile WHERE id = ?";
}
