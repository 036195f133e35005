package workshop.sync;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import workshop.kit.Budgets;
import workshop.kit.TripBackends;
import workshop.kit.partner.Behaviour;

/**
 * A dashboard on fresh test backends for every check, closed after it. Its call timeout is patient,
 * so that a busy machine never fails a check that is not about timeouts; checks about timeouts use
 * {@link #impatient()}.
 */
abstract class SyncDashboardFixture {

    /** The call timeout of checks that are not about timeouts. */
    static final Duration PATIENT = Budgets.GUARD.dividedBy(4);

    TripBackends backends;
    SyncDashboard dashboard;
    private SyncDashboard impatient;

    @BeforeEach
    void start_the_backends() {
        // Short latencies keep the checks quick; the timing checks set their own.
        backends = TripBackends.start();
        backends.profiles().latency(Budgets.SHORT_LATENCY);
        backends.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY));
        dashboard = new SyncDashboard(backends.settings(PATIENT));
    }

    /** A dashboard on the same backends whose calls may take {@link Budgets#CALL_TIMEOUT}. */
    SyncDashboard impatient() {
        if (impatient == null) {
            impatient = new SyncDashboard(backends.settings(Budgets.CALL_TIMEOUT));
        }
        return impatient;
    }

    @AfterEach
    void stop_the_backends() {
        try (SyncDashboard alsoClosed = impatient) {
            dashboard.close();
        } finally {
            backends.close();
        }
    }
}
