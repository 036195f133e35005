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
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Backend;
import workshop.trip.server.DashboardPage;

@Step(5)
@DisplayName("Step 5: graceful shutdown")
class Step5ShutdownTest extends ServerFixture {

    /** Requests in flight when close() begins. */
    static final int IN_FLIGHT = 8;

    /** Requests sent once close() has begun. */
    static final int LATE = 4;

    /** How long the flights API holds the requests in flight once all are there: time to send the late ones meanwhile. */
    static final Duration HOLD = Budgets.LATENCY.multipliedBy(3);

    /** How long close() lets the requests in flight finish: far more than they need. */
    static final Duration GRACE = Budgets.CALL_TIMEOUT.multipliedBy(2);

    /** The longest close() may take: its grace, plus slack. */
    static final Duration CLOSE_BUDGET = GRACE.plus(Budgets.SLACK);

    /** What the check saw of one shutdown. */
    record Shutdown(LoadReport inFlight, LoadReport late, Duration closeTook, int lastCallsMadeWhenClosed) {
    }

    /** What close() left behind when it returned. */
    private record Closed(Duration took, int lastCallsMade) {
    }

    /**
     * Starts a server, brings {@link #IN_FLIGHT} requests to the flights API (which holds them for {@link #HOLD}),
     * calls close() on a thread of its own, sends {@link #LATE} requests once close() waits (or has returned),
     * and collects every answer.
     */
    Shutdown closeWhileBusy() throws Exception {
        Rendezvous all = Rendezvous.of(IN_FLIGHT);
        backends.partners().on(Backend.FLIGHTS, Behaviour.answersAfter(HOLD).meetingAt(all));
        CallProbe weather = backends.partners().probe(Backend.WEATHER);
        DashboardServer server = start(settings(PATIENT).withDeadline(PATIENT).withGrace(GRACE));
        try (Running inFlight = loadInBackground(server, IN_FLIGHT, PATIENT)) {
            awaitOpen(all, inFlight, answers -> String.format(Locale.ROOT, "expected %d requests in flight at the flights API at"
                    + " once before close(), saw at most %d: a graceful shutdown needs a server that holds many requests at once"
                    + " (lesson, step 2). Answers: %s", IN_FLIGHT, all.mostTogether(), answers.summary()));

            // close() begins while they are held at the flights API
            CompletableFuture<Closed> closed = new CompletableFuture<>();
            Thread closer = Thread.ofPlatform().name("check-closing-the-server").start(() -> {
                long start = System.nanoTime();
                try {
                    server.close();
                    closed.complete(new Closed(Duration.ofNanos(System.nanoTime() - start), weather.spans().size()));
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
            LoadReport late = load(server, LATE, CLOSE_BUDGET);
            Closed done;
            try {
                done = closed.get(Budgets.GUARD.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException stuck) {
                closer.interrupt();
                throw new AssertionError(String.format(Locale.ROOT, "expected close() to return within its grace of %s (plus %s),"
                        + " but it was still running after %s %s", Budgets.describe(GRACE), Budgets.describe(Budgets.SLACK),
                        Budgets.describe(Budgets.GUARD), lesson(5)));
            } catch (ExecutionException failed) {
                throw new AssertionError("expected close() to return, but it failed with " + failed.getCause() + " " + lesson(5),
                        failed.getCause());
            }
            return new Shutdown(inFlight.report(), late, done.took(), done.lastCallsMade());
        }
    }

    @Nested
    @DisplayName("when close() begins while 8 requests are in flight")
    class WhenCloseBeginsWhileRequestsAreInFlight {

        @CorrectnessCheck(points = 4)
        void each_request_in_flight_gets_its_page_before_close_returns_within_the_grace() throws Exception {
            // GIVEN, WHEN
            Shutdown shutdown = closeWhileBusy();

            // THEN
            LoadReport inFlight = shutdown.inFlight();
            assertThat(inFlight.answered(DashboardPage.OK)).withFailMessage("expected each of the %d requests in flight when close()"
                    + " began to get its page (200): they had time, close() lets them finish for %s. Saw %s %s", IN_FLIGHT,
                    Budgets.describe(GRACE), inFlight.summary(), lesson(5)).isEqualTo(IN_FLIGHT);
            assertThat(shutdown.lastCallsMadeWhenClosed()).withFailMessage("expected close() to return once the %d requests in flight"
                    + " were done, but when it returned (after %s) only %d of them had made their last partner call %s", IN_FLIGHT,
                    Budgets.describe(shutdown.closeTook()), shutdown.lastCallsMadeWhenClosed(), lesson(5))
                    .isGreaterThanOrEqualTo(IN_FLIGHT);
            assertThat(shutdown.closeTook()).withFailMessage("expected close() to return within its grace of %s (plus %s), but it"
                    + " took %s %s", Budgets.describe(GRACE), Budgets.describe(Budgets.SLACK), Budgets.describe(shutdown.closeTook()),
                    lesson(5)).isLessThanOrEqualTo(CLOSE_BUDGET);
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
