package workshop.sync;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import workshop.kit.Budgets;
import workshop.kit.TripBackends;
import workshop.kit.partner.Behaviour;

/** A dashboard on fresh test backends for every check, closed after it. */
abstract class SyncDashboardFixture {

    TripBackends backends;
    SyncDashboard dashboard;

    @BeforeEach
    void start_the_backends() {
        // Short latencies keep the checks quick; the timing checks set their own.
        backends = TripBackends.start();
        backends.profiles().latency(Budgets.SHORT_LATENCY);
        backends.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY));
        dashboard = new SyncDashboard(backends.settings());
    }

    @AfterEach
    void stop_the_backends() {
        try {
            dashboard.close();
        } finally {
            backends.close();
        }
    }
}
