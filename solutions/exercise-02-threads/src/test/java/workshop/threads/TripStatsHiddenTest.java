package workshop.threads;

import static workshop.kit.WorkshopAssertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import workshop.kit.ModelCheck;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.trip.Backend;

@DisplayName("The call statistics, shared by many threads (hidden checks)")
@Step(4)
class TripStatsHiddenTest {

    @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
    void each_backend_is_counted_apart() {
        // GIVEN
        TripStats stats = new TripStats();

        // WHEN
        stats.record(Backend.HOTELS);
        stats.record(Backend.HOTELS);
        stats.record(Backend.PROFILE);

        // THEN
        assertThat(stats.calls(Backend.HOTELS)).as("calls(HOTELS)").isEqualTo(2);
        assertThat(stats.calls(Backend.PROFILE)).as("calls(PROFILE)").isEqualTo(1);
        assertThat(stats.calls(Backend.FLIGHTS)).as("calls(FLIGHTS)").isZero();
        assertThat(stats.total()).as("total()").isEqualTo(3);
    }

    @CorrectnessCheck(points = 1)
    void records_of_two_backends_at_the_same_time_count_one_each_in_every_interleaving() {
        // GIVEN one thread that records a call to the flights API, another one to the hotels API
        ModelCheck check = ModelCheck.of(StatsOperations.class, "record(FLIGHTS) and record(HOTELS) at the same time")
                .thread("recordFlights")
                .thread("recordHotels")
                .after("counts")
                .idea(TripStatsTest.INDIVISIBLE);

        // WHEN the model checker runs them in every interleaving it can find
        // THEN each interleaving counts one call to each, and two in total
        check.assertNoInterleavingBreaksIt();
    }

    @CorrectnessCheck(points = 2)
    void no_count_is_lost_when_sixteen_threads_record_at_the_same_time() throws Exception {
        // GIVEN sixteen threads that start together at a barrier
        StatsRace race = new StatsRace(16);

        // WHEN they record side by side, three rounds on a fresh TripStats each
        // THEN every call recorded is counted, per backend and in total
        race.assertNoCountIsLost(3);
    }
}
