package workshop.threads;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import workshop.kit.profile.ProfileDatabase;

/**
 * Fresh backends for every check ({@link TripFixture}), on the profile database that all test
 * classes of a run share, and closed after the check. Closing them in {@code @AfterEach} leaves the
 * workshop's guards, which run after it, only the threads the code under test left behind.
 */
@ExtendWith(SharedProfileDatabase.class)
abstract class BackendsFixture {

    private static ProfileDatabase profiles;

    TripFixture trip;

    @BeforeAll
    static void open_the_profile_database(ProfileDatabase shared) {
        profiles = shared;
    }

    @BeforeEach
    void start_the_backends() {
        trip = TripFixture.start(profiles);
    }

    @AfterEach
    void stop_the_backends() {
        trip.close();
    }
}
