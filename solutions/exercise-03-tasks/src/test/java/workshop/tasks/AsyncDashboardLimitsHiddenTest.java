package workshop.tasks;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.within;
import static workshop.tasks.AsyncDashboardTest.awaitQuietly;
import static workshop.tasks.TaskBench.start;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.PartnerRelay;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;

@DisplayName("The asynchronous trip dashboard, within its limits (hidden checks)")
class AsyncDashboardLimitsHiddenTest extends BenchFixture {

    @Nested
    @Step(3)
    @DisplayName("when the profile database never answers")
    class WhenTheDatabaseHangs {

        @TimingCheck(points = 1, onStub = OnStub.PASSES)
        void the_page_fails_within_the_call_timeout_naming_the_database_and_the_query_ends() throws Exception {
            // GIVEN a database that never answers, and calls that may take one call timeout
            bench.backends.profiles().hanging();
            AsyncDashboard dashboard = bench.open(bench.settings(Budgets.CALL_TIMEOUT, Budgets.CALL_TIMEOUT));
            // JDBC counts query timeouts in whole seconds: the limit may be rounded up by one second.
            Duration budget = Budgets.CALL_TIMEOUT.plus(Budgets.scaled(1_000)).plus(Budgets.SLACK);
            CallProbe queries = bench.backends.profiles().probe();

            // WHEN
            CompletableFuture<Dashboard> loading = start(dashboard, 7);
            boolean settled = awaitQuietly(loading, budget);

            // THEN the query gave up within the call timeout, and the page failed naming the database
            if (!settled) {
                int running = queries.inFlight();
                loading.cancel(true);
                throw new AssertionError("the page of user 7 was still loading " + Budgets.describe(budget) + " after it"
                        + " started, with " + running + " profile " + (running == 1 ? "query" : "queries") + " still running in"
                        + " a database that never answers, though every call may take " + Budgets.describe(Budgets.CALL_TIMEOUT)
                        + ": the query holds its blocking-work thread and the page as long as the database likes. The call"
                        + " timeout bounds the profile query too (lesson, step 3).");
            }
            assertThat(loading.isCompletedExceptionally())
                    .withFailMessage(() -> "expected the page to fail when the database never answers, but it showed "
                            + loading.resultNow())
                    .isTrue();
            Throwable failure = TaskBench.unwrap(loading.exceptionNow());
            assertThat(failure)
                    .withFailMessage("expected a BackendException naming the profile database when it never answers, but the"
                            + " page failed with %s", failure)
                    .isInstanceOfSatisfying(BackendException.class,
                            named -> assertThat(named.backend()).as("the backend named").isEqualTo(Backend.PROFILE));
            awaitThat("no profile query running", Budgets.SLACK, () -> queries.inFlight() == 0,
                    () -> "expected the profile query to have ended once the page failed, but " + queries.inFlight()
                            + " still ran " + Budgets.describe(Budgets.SLACK) + " later (lesson, step 3).");
        }
    }

    @Nested
    @Step(6)
    @DisplayName("when the dashboard is closed while a page loads")
    class WhenTheDashboardIsClosed {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void the_page_fails_and_no_partner_request_is_left_open() throws Exception {
            // GIVEN partner APIs that never answer, reached through a relay that sees when the client lets go,
            // and calls that may take very long
            bench.backends.partners().onAll(Behaviour.hangs());
            try (PartnerRelay relay = PartnerRelay.to(bench.backends.partners().baseUri())) {
                AsyncDashboard dashboard = bench.open(bench.settings(relay.baseUri(), AsyncDashboardTest.LONG_CALL_TIMEOUT,
                        AsyncDashboardTest.LONG_CALL_TIMEOUT));
                CompletableFuture<Dashboard> loading = start(dashboard, 7);
                awaitThat("a partner request out", Budgets.times(2, Budgets.SLACK), () -> relay.waiting() >= 1,
                        () -> "expected the page's partner requests to go out, saw " + relay.waiting());

                // WHEN
                within(Budgets.SETTLE, "AsyncDashboard.close()", () -> {
                    dashboard.close();
                    return null;
                });

                // THEN
                awaitThat("no partner request held open and the page settled", Budgets.SLACK,
                        () -> relay.waiting() == 0 && loading.isDone(),
                        () -> "the dashboard was closed while a page was loading, and " + Budgets.describe(Budgets.SLACK)
                                + " later " + relay.waiting() + " partner request(s) were still held open and the page was "
                                + (loading.isDone() ? "settled" : "still loading") + ": a closed dashboard leaves nothing"
                                + " running, so the pages still loading fail and their calls end (lesson, step 6).");
                assertThat(loading.isCompletedExceptionally())
                        .withFailMessage(() -> "expected the page still loading to fail when the dashboard was closed, but "
                                + (loading.isCancelled() ? "it was cancelled" : "it showed " + loading.resultNow()))
                        .isTrue();
            }
        }
    }
}
