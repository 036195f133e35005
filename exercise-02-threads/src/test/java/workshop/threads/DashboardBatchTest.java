package workshop.threads;

import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.within;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Dashboard;

@DisplayName("The dashboards of many travellers at once")
class DashboardBatchTest extends DashboardBatchFixture {

    static List<Integer> users(int count) {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }


    @Nested
    @Step(2)
    @DisplayName("on a fixed pool of four threads")
    class OnAFixedPool {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void every_dashboard_arrives_in_the_order_of_the_users() throws Exception {
            // GIVEN
            List<Integer> users = List.of(12, 3, 7, 30, 1, 18);

            // WHEN
            List<Dashboard> loaded = within(Budgets.GUARD, "six dashboards on a pool of 4", () -> batch.loadOnPool(users, 4));

            // THEN
            assertThat(loaded).as("the dashboards of users " + users).isEqualTo(expected(users));
        }

        @TimingCheck(points = 2)
        void four_calls_run_at_once_and_never_more() throws Exception {
            // GIVEN no call goes out before four wait together
            trip.client().meetingOf(4);
            List<Integer> users = users(6);

            // WHEN
            List<Dashboard> loaded = trip.together(new ObservedClient.Overlap(4, "six dashboards on a pool of 4", "loadOnPool()",
                    "run the calls on a fixed pool of the number of threads asked for, every call handed to it before you"
                    + " wait for any result (lesson, step 2)"),
                    () -> batch.loadOnPool(users, 4));

            // THEN
            assertThat(loaded).isEqualTo(expected(users));
            assertNeverMoreInFlightThan(trip.client().probe(), 4,
                    "A pool of 4 threads runs at most 4 calls at once: run them on a fixed pool of the number of threads"
                    + " asked for (lesson, step 2).");
        }
    }

    @Nested
    @Step(3)
    @DisplayName("on virtual threads")
    class OnVirtualThreads {

        @TimingCheck(points = 2)
        void the_calls_of_thirty_travellers_are_in_flight_together() throws Exception {
            // GIVEN no call goes out before thirty wait together
            trip.client().meetingOf(30);
            List<Integer> users = users(30);

            // WHEN
            List<Dashboard> loaded = trip.together(new ObservedClient.Overlap(30, "thirty dashboards on virtual threads",
                    "loadOnVirtualThreads()", "give every call a virtual thread of its own, all of them started before you"
                    + " wait for any result (lesson, step 3)"),
                    () -> batch.loadOnVirtualThreads(users));

            // THEN
            assertThat(loaded).isEqualTo(expected(users));
        }
    }

    @Nested
    @Step(5)
    @DisplayName("when the partner APIs allow three calls at once")
    class WithAPartnerLimit {

        @TimingCheck(points = 3)
        void three_partner_calls_run_at_once_and_never_more() throws Exception {
            // GIVEN no partner call is answered before three wait together, and each is held a moment
            // so that a fourth one, if your code lets it go, is seen in flight with them
            Rendezvous three = Rendezvous.of(3);
            trip.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(three));
            List<Integer> users = users(6);

            // WHEN
            List<Dashboard> loaded = trip.together(new ObservedClient.Overlap(3, "six dashboards with at most 3 partner calls at once",
                    "loadWithPartnerLimit()", "run many calls at once, each on a virtual thread, and let only 3 partner"
                    + " calls through at a time (lesson, step 5)"),
                    three, () -> batch.loadWithPartnerLimit(users, 3));

            // THEN
            assertThat(loaded).isEqualTo(expected(users));
            assertNeverMoreInFlightThan(trip.client().partnerProbe(), 3,
                    "The partner APIs allow 3 calls at once: let a partner call go only while fewer than 3 are out,"
                    + " however many threads wait to make one (lesson, step 5).");
        }
    }
}
