package workshop.threads;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import workshop.kit.TripData;
import workshop.trip.Dashboard;

/** What every check of a {@link DashboardBatch} starts from: fresh backends, and a batch on their client with statistics of its own. */
abstract class DashboardBatchFixture extends BackendsFixture {

    TripStats stats;
    DashboardBatch batch;

    @BeforeEach
    void build_the_batch() {
        stats = new TripStats();
        batch = new DashboardBatch(trip.client(), stats);
    }

    static List<Dashboard> expected(List<Integer> users) {
        return users.stream().map(TripData::dashboard).toList();
    }
}
