package workshop.threads;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.partner.Behaviour;
import workshop.trip.Backend;

@DisplayName("The dashboards of many travellers at once, when a call fails (hidden checks)")
class DashboardBatchFailureHiddenTest extends DashboardBatchFixture {

    @Nested
    @Step(2)
    @DisplayName("on a fixed pool, when the database fails while the partner calls hang")
    class WhenTheDatabaseFailsWhileThePartnerCallsHang {

        @CorrectnessCheck(points = 2)
        void the_batch_fails_at_once_and_no_call_outlives_it() {
            // GIVEN every profile query fails at once, and every partner call only ends when interrupted
            // (the client's own time limit is far away)
            trip.profiles().failing();
            trip.partners().onAll(Behaviour.hangs());
            List<Integer> users = List.of(1, 2, 3, 4);

            // WHEN
            Throwable failure = trip.failurePromptly(new ObservedClient.Overlap(4,
                            "four dashboards on a pool of 4 while the database fails", "loadOnPool()",
                            "run the calls on a fixed pool of the number of threads asked for (lesson, step 2)"),
                    "A failed call fails the whole batch: the calls still running are of no use any more, and closing"
                    + " the pool waits for each of them, hung ones too (lesson, step 2).",
                    () -> batch.loadOnPool(users, 4));

            // THEN the batch names the database ...
            DashboardBatchHiddenTest.assertNames(failure, Backend.PROFILE);
            // ... and no call it started still runs: each partner call that was waiting ended by an interrupt
            TripFixture.eventually("every call of the batch to have ended", TripFixture.PROMPTLY,
                    "A call of the failed batch still waits: the batch stops its calls before it throws (lesson, step 2).",
                    () -> trip.client().probe().inFlight() == 0);
            List<ObservedClient.Call> partnerCalls = trip.client().calls().stream()
                    .filter(call -> call.backend() != Backend.PROFILE).toList();
            assertThat(partnerCalls)
                    .withFailMessage(() -> "expected every partner call still waiting when the batch failed to end by an"
                            + " interrupt, but they ended so: " + partnerCalls.stream().map(ObservedClient.Call::outcome).toList()
                            + " (lesson, step 2).")
                    .allMatch(call -> call.outcome().equals("interrupted"));
        }
    }
}
