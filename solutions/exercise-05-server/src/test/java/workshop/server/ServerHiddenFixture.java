package workshop.server;

import static workshop.kit.WorkshopAssertions.awaitThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import workshop.kit.Budgets;
import workshop.kit.load.LoadReport;

/**
 * What the hidden checks add to the {@link ServerFixture}: load that runs beside the check, with a
 * bounded wait for its report, and waits for the connection pool to be whole again.
 */
abstract class ServerHiddenFixture extends ServerFixture {

    /** Clients that run beside a check; stopped after it, before the servers and backends. */
    private final ExecutorService beside = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop_the_clients_beside() {
        beside.shutdownNow();
        beside.close();
    }

    /** {@link #load} on a virtual thread of its own, while the check goes on. */
    Future<LoadReport> loadBeside(DashboardServer server, int clients, Duration requestTimeout) {
        return beside.submit(() -> load(server, clients, requestTimeout));
    }

    /** The report of a load started with {@link #loadBeside}, waiting for it at most {@code budget}. */
    static LoadReport reportOf(Future<LoadReport> load, Duration budget) throws InterruptedException, ExecutionException {
        try {
            return load.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("expected the clients to have every answer within " + Budgets.describe(budget)
                    + ", but they still waited then");
        }
    }

    /** The longest latency of the answered requests; zero when none was answered. */
    static Duration slowest(LoadReport report) {
        List<Duration> latencies = report.latencies();
        return latencies.isEmpty() ? Duration.ZERO : latencies.getLast();
    }

    /** The shortest latency of the answered requests; zero when none was answered. */
    static Duration fastest(LoadReport report) {
        List<Duration> latencies = report.latencies();
        return latencies.isEmpty() ? Duration.ZERO : latencies.getFirst();
    }

    /**
     * How long a query may still run after its request gave up: JDBC counts a query timeout in whole
     * seconds, so the request's deadline rounded up, plus {@link Budgets#SLACK}.
     */
    static Duration queryOutlives(Duration deadline) {
        return Duration.ofSeconds((deadline.toMillis() + 999) / 1000).plus(Budgets.SLACK);
    }

    /** Waits until every connection of the pool is back, at most {@code budget}; {@code step} names the lesson step. */
    void awaitEveryConnectionBack(Duration budget, String after, int step) {
        awaitThat("every connection back in the pool", budget, () -> pool.inUse() == 0,
                () -> "expected every database connection back in the pool within " + Budgets.describe(budget) + " " + after
                        + ", but " + pool.inUse() + " of " + pool.size() + " were still in use, with "
                        + backends.profiles().probe().inFlight() + " profile queries running. A request gives back the"
                        + " connection it took however it ends (lesson, step " + step + ").");
    }
}
