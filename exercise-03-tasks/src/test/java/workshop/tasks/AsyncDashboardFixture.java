package workshop.tasks;

import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link TaskBench} for every check, and a dashboard on its patient settings. */
abstract class AsyncDashboardFixture extends BenchFixture {

    AsyncDashboard dashboard;

    @BeforeEach
    void open_the_dashboard() throws Exception {
        dashboard = bench.open(bench.settings());
    }
}
