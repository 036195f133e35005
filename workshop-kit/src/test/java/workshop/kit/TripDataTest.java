package workshop.kit;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workshop.trip.Backend;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;

@DisplayName("The trip data")
class TripDataTest {

    static final List<Backend> PARTNERS = List.of(Backend.FLIGHTS, Backend.HOTELS, Backend.WEATHER);

    @Nested
    @DisplayName("userOf, reading the user from a request")
    class UserOf {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "/flights?user=7           | 7",
                "/hotels?user=2000         | 2000",
                "/weather?lang=en&user=42  | 42",
                "/weather?user=42&lang=en  | 42",
                "/flights?user=-3          | -3",
                "/flights?user=7&user=8    | 7",
                "/flights?user=007         | 7",
                "/flights?user=999999999   | 999999999",
        })
        void finds_the_user_parameter(String request, int expected) {
            assertThat(TripData.userOf(URI.create(request.strip()))).as("the user of %s", request.strip()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} has no user")
        @CsvSource(delimiter = '|', value = {
                "/flights",
                "/flights?",
                "/flights?user=",
                "/flights?user=seven",
                "/flights?user=7x",
                "/flights?superuser=7",
                "/flights?user_id=7",
                "/flights?user=1234567890",
        })
        void is_minus_one_when_there_is_no_user_number(String request) {
            assertThat(TripData.userOf(URI.create(request.strip()))).as("the user of %s", request.strip()).isEqualTo(-1);
        }
    }

    @Nested
    @DisplayName("the data of one user")
    class TheDataOfOneUser {

        @Test
        void is_the_same_each_time_it_is_asked_for() {
            for (int user : List.of(1, 7, TripData.USERS)) {
                assertThat(TripData.profile(user)).isEqualTo(TripData.profile(user));
                assertThat(TripData.dashboard(user)).isEqualTo(TripData.dashboard(user));
            }
        }

        @Test
        void differs_from_user_to_user() {
            Set<Profile> profiles = new HashSet<>();
            Set<List<String>> flights = new HashSet<>();
            for (int user = 1; user <= 100; user++) {
                profiles.add(TripData.profile(user));
                flights.add(TripData.reply(Backend.FLIGHTS, user).items());
            }
            assertThat(profiles).as("distinct profiles of 100 users").hasSize(100);
            assertThat(flights).as("distinct flight lists of 100 users").hasSizeGreaterThan(50);
        }

        @Test
        void has_a_profile_with_the_users_id_a_name_and_a_three_letter_airport() {
            for (int user : List.of(-5, 0, 1, 55, 56, TripData.USERS)) {
                Profile profile = TripData.profile(user);
                assertThat(profile.userId()).isEqualTo(user);
                assertThat(profile.name()).endsWith("#" + user);
                assertThat(profile.homeAirport()).matches("[A-Z]{3}");
            }
        }

        @Test
        void has_replies_that_survive_the_partner_reply_format() {
            for (Backend backend : PARTNERS) {
                PartnerReply reply = TripData.reply(backend, 7);
                assertThat(reply.backend()).isEqualTo(backend);
                assertThat(reply.items()).as("items of the %s", backend).isNotEmpty();
                assertThat(PartnerReply.parse(backend, reply.format())).as("%s reply after format and parse", backend)
                        .isEqualTo(reply);
            }
        }

        @Test
        void has_no_partner_reply_from_the_database() {
            assertThatThrownBy(() -> TripData.reply(Backend.PROFILE, 7))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("database");
        }
    }

    @Nested
    @DisplayName("the dashboard of one user")
    class TheDashboardOfOneUser {

        @Test
        void is_made_of_that_users_profile_and_partner_replies() {
            for (int user : List.of(1, 7, 42, TripData.USERS)) {
                Dashboard dashboard = TripData.dashboard(user);
                assertThat(dashboard.profile()).isEqualTo(TripData.profile(user));
                assertThat(dashboard.flights()).isEqualTo(TripData.reply(Backend.FLIGHTS, user).items());
                assertThat(dashboard.hotels()).isEqualTo(TripData.reply(Backend.HOTELS, user).items());
                assertThat(dashboard.weather()).isEqualTo(TripData.reply(Backend.WEATHER, user).items().getFirst());
            }
        }

        @Test
        void mentions_the_users_home_airport_in_flights_and_weather() {
            for (int user : List.of(3, 99)) {
                Dashboard dashboard = TripData.dashboard(user);
                String home = dashboard.profile().homeAirport();
                assertThat(dashboard.flights()).allSatisfy(flight -> assertThat(flight).contains(home + "-"));
                assertThat(dashboard.weather()).endsWith("at " + home);
            }
        }
    }
}
