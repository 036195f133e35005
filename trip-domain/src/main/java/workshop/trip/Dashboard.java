package workshop.trip;

import java.util.List;

/**
 * Everything one traveller sees on the trip page: their profile, flight and hotel offers, and the
 * weather at home.
 *
 * @param profile the traveller, from the profile database
 * @param flights flight offers, from the flights API
 * @param hotels  hotel offers, from the hotels API
 * @param weather the forecast line, from the weather API
 */
public record Dashboard(Profile profile, List<String> flights, List<String> hotels, String weather) {

    public Dashboard {
        flights = List.copyOf(flights);
        hotels = List.copyOf(hotels);
    }
}
