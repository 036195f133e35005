package workshop.threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import workshop.kit.ModelCheck;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;

@DisplayName("The call statistics, shared by many threads")
@Step(4)
// The model checks first: when they fail, their evidence (which thread read and wrote what) is the message shown.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TripStatsTest {

    /** What a lost count misses, with its place in the lesson. */
    static final String INDIVISIBLE = "Make each update of a count one indivisible step that no other thread can"
            + " interleave with, and every read see the latest value (lesson, step 4).";

    @CorrectnessCheck(points = 2)
    @Order(1)
    void two_records_of_one_backend_at_the_same_time_count_two_in_every_interleaving() {
        // GIVEN two threads that each record one call to the flights API
        ModelCheck check = ModelCheck.of(StatsOperations.class, "two record(FLIGHTS) calls at the same time")
                .thread("recordFlights")
                .thread("recordFlights")
                .after("counts")
                .idea(INDIVISIBLE);

        // WHEN the model checker runs them in every interleaving it can find
        // THEN each interleaving counts both calls, per backend and in total
        check.assertNoInterleavingBreaksIt();
    }

    @CorrectnessCheck(points = 1)
    @Order(2)
    void a_reader_never_sees_the_total_disagree_with_the_counts() {
        // GIVEN one thread that records a call while another reads the counts, the total, and the counts again
        ModelCheck check = ModelCheck.of(StatsOperations.class,
                        "record(FLIGHTS) while another thread reads the counts, then total(), then the counts again")
                .thread("recordFlights")
                .thread("countsAroundTotal")
                .idea("total() must be the sum of the counts at every moment, not only once the threads have ended:"
                        + " two numbers updated one after the other can be seen half-updated (lesson, step 4).");

        // WHEN the model checker runs them in every interleaving it can find
        // THEN no reader ever sees a total outside the counts read just before and just after it
        check.assertNoInterleavingBreaksIt();
    }

    @CorrectnessCheck(points = 3)
    @Order(3)
    void no_count_is_lost_when_eight_threads_record_at_the_same_time() throws Exception {
        // GIVEN eight threads that start together at a barrier
        StatsRace race = new StatsRace(8);

        // WHEN they record side by side, three rounds on a fresh TripStats each
        // THEN every call recorded is counted, per backend and in total
        race.assertNoCountIsLost(3);
    }
}
