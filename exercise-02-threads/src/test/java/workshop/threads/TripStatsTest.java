package workshop.threads;

import org.junit.jupiter.api.DisplayName;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;

@DisplayName("The call statistics, shared by many threads")
@Step(4)
class TripStatsTest {

    @CorrectnessCheck(points = 3)
    void no_count_is_lost_when_eight_threads_record_at_the_same_time() throws Exception {
        // GIVEN eight threads that start together at a barrier
        StatsRace race = new StatsRace(8);

        // WHEN they record side by side, three rounds on a fresh TripStats each
        // THEN every call recorded is counted, per backend and in total
        race.assertNoCountIsLost(3);
    }
}
