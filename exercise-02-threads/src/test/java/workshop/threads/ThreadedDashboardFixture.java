package workshop.threads;

import static workshop.kit.WorkshopAssertions.within;

import org.junit.jupiter.api.BeforeEach;
import workshop.kit.Budgets;
import workshop.trip.Dashboard;

/** What every check of a {@link ThreadedDashboard} starts from: fresh backends, and a dashboard on their client. */
abstract class ThreadedDashboardFixture extends BackendsFixture {

    ThreadedDashboard dashboard;

    @BeforeEach
    void build_the_dashboard() {
        dashboard = new ThreadedDashboard(trip.client());
    }

    Dashboard load(int user) throws Exception {
        return within(Budgets.GUARD, "loading the dashboard of user " + user, () -> dashboard.load(user));
    }
}
