package workshop.server;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.awaitThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.load.LoadReport;
import workshop.trip.Backend;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.ServerSettings;

@Step(5)
@DisplayName("Step 5: graceful shutdown")
class Step5ShutdownTest extends ServerFixture {

    /** Requests in flight when close() begins: as many as the database has connections, all held in a query. */
    static final int IN_FLIGHT = ServerSettings.DATABASE_CONNECTIONS;

    /** Requests sent once close() has begun. */
    static final int LATE = 4;

    /** How long close() may let the requests in flight finish: longer than the check holds them. */
    static final Duration GRACE = Budgets.GUARD;

    /** How long a late request's client waits: a refusal takes no time. */
    static final Duration LATE_CLIENT_WAIT = Budgets.SLACK.multipliedBy(2);

    /** What the requests in flight still have to do once their queries end: the three partner calls. */
    static final Duration REST_OF_THE_WORK = Budgets.times(3, Budgets.SHORT_LATENCY);

    /** What the check saw of one shutdown. */
    record Shutdown(LoadReport inFlight, LoadReport late, Duration closeReturnedAfterRelease, int lastCallsMadeWhenClosed) {
    }

    /** When close() returned, and how many weather calls (each request's last call) had ended then. */
    private record Closed(long returnedAtNanos, int lastCallsMade) {
    }

    /**
     * Starts a server, holds {@link #IN_FLIGHT} requests in their database queries, calls close() on a thread of
     * its own, sends {@link #LATE} requests once close() waits (or has returned), and only once they are
     * answered lets the queries end; then collects every answer.
     */
    Shutdown closeWhileBusy() throws Exception {
        backends.profiles().hanging();
        CallProbe queries = backends.profiles().probe();
        CallProbe weather = backends.partners().probe(Backend.WEATHER);
        DashboardServer server = start(settings(PATIENT).withDeadline(PATIENT).withGrace(GRACE));
        try (Running inFlight = loadInBackground(server, IN_FLIGHT, PATIENT)) {
            if (!reaches(queries::maxInFlight, IN_FLIGHT)) {
                backends.profiles().latency(Duration.ZERO);
                throw new AssertionError(String.format(Locale.ROOT, "expected %d requests in flight at once before close(), all"
                        + " in their database queries, saw at most %d in a query at once: a graceful shutdown needs a"
                        + " server that holds many requests at once (lesson, step 2). %s The answers, once the check had let the"
                        + " queries end: %s", IN_FLIGHT, queries.maxInFlight(), howTheCheckWaited(), inFlight.report().summary()));
            }

            // close() begins while they are held in their queries
            CompletableFuture<Closed> closed = new CompletableFuture<>();
            Thread closer = Thread.ofPlatform().name("check-closing-the-server").start(() -> {
                try {
                    server.close();
                    closed.complete(new Closed(System.nanoTime(), weather.spans().size()));
                } catch (Throwable failure) {
                    closed.completeExceptionally(failure);
                }
            });
            try {
                awaitThat("close() to wait or return", Budgets.SLACK, () -> closer.getState() != Thread.State.RUNNABLE
                        && closer.getState() != Thread.State.NEW, () -> "close() kept running");
            } catch (AssertionError busy) {
                // It has begun all the same: the late requests come after its start.
            }
            LoadReport late = load(server, LATE, LATE_CLIENT_WAIT);
            long released = System.nanoTime();
            backends.profiles().latency(Budgets.SHORT_LATENCY);
            Closed done;
            try {
                done = closed.get(Budgets.GUARD.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException stuck) {
                closer.interrupt();
                throw new AssertionError(String.format(Locale.ROOT, "expected close() to return once the %d requests in flight were"
                        + " done (they could be %s after their queries ended), but it was still running %s later %s", IN_FLIGHT,
                        Budgets.describe(REST_OF_THE_WORK), Budgets.describe(Budgets.GUARD), lesson(5)));
            } catch (ExecutionException failed) {
                throw new AssertionError("expected close() to return, but it failed with " + failed.getCause() + " " + lesson(5),
                        failed.getCause());
            }
            return new Shutdown(inFlight.report(), late, Duration.ofNanos(done.returnedAtNanos() - released), done.lastCallsMade());
        }
    }

    @Nested
    @DisplayName("when close() begins while 4 requests are in flight")
    class WhenCloseBeginsWhileRequestsAreInFlight {

        @CorrectnessCheck(points = 4)
        void each_request_in_flight_gets_its_page_and_then_close_returns() throws Exception {
            // GIVEN, WHEN
            Shutdown shutdown = closeWhileBusy();

            // THEN
            LoadReport inFlight = shutdown.inFlight();
            assertThat(inFlight.answered(DashboardPage.OK)).withFailMessage("expected each of the %d requests in flight when close()"
                    + " began to get its page (200): the grace of %s let them finish. Saw %s %s", IN_FLIGHT,
                    Budgets.describe(GRACE), inFlight.summary(), lesson(5)).isEqualTo(IN_FLIGHT);
            assertThat(shutdown.lastCallsMadeWhenClosed()).withFailMessage("expected close() to return once the %d requests in flight"
                    + " were done, but when it returned only %d of them had made their last partner call %s", IN_FLIGHT,
                    shutdown.lastCallsMadeWhenClosed(), lesson(5)).isGreaterThanOrEqualTo(IN_FLIGHT);
            assertThat(shutdown.closeReturnedAfterRelease()).withFailMessage("expected close() to return as soon as the requests in"
                    + " flight were done (their queries ended, then %s of partner calls), within %s of that, but it returned %s after"
                    + " their queries could end %s", Budgets.describe(REST_OF_THE_WORK), Budgets.describe(Budgets.SLACK),
                    Budgets.describe(shutdown.closeReturnedAfterRelease()), lesson(5))
                    .isLessThanOrEqualTo(REST_OF_THE_WORK.plus(Budgets.SLACK));
        }

        @CorrectnessCheck(points = 3)
        void each_request_after_close_began_is_refused_with_503_and_Retry_After_or_at_the_door() throws Exception {
            // GIVEN, WHEN
            Shutdown shutdown = closeWhileBusy();

            // THEN
            LoadReport late = shutdown.late();
            Map<String, Integer> unfair = new TreeMap<>();
            late.byStatus().forEach((status, count) -> {
                if (status != DashboardPage.SHED) {
                    unfair.put("answered " + status, count);
                }
            });
            late.unanswered().forEach((reason, count) -> {
                if (!reason.equals("connection refused")) {
                    unfair.put(reason, count);
                }
            });
            assertThat(unfair).withFailMessage("expected each of the %d requests sent after close() began to be refused: answered 503,"
                    + " or its connection refused once the server stopped listening. Saw %s: %s %s", LATE, unfair, late.summary(),
                    lesson(5)).isEmpty();
            assertThat(late.unpaced()).withFailMessage("expected every 503 to say when to come back (a Retry-After header of %d"
                    + " second), but %d of %d did not: %s %s", DashboardPage.RETRY_AFTER_SECONDS, late.unpaced(),
                    late.answered(DashboardPage.SHED), late.summary(), lesson(5)).isZero();
        }
    }
}
