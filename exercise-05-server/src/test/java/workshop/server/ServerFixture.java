package workshop.server;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import workshop.kit.Budgets;
import workshop.kit.TripBackends;
import workshop.kit.load.LoadGenerator;
import workshop.kit.load.LoadReport;
import workshop.kit.partner.Behaviour;
import workshop.kit.profile.ConnectionPool;
import workshop.trip.DashboardSettings;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.ServerSettings;

/**
 * What every check of the {@link DashboardServer} starts from: fresh backends that answer after
 * {@link Budgets#SHORT_LATENCY}, a connection pool of {@link ServerSettings#DATABASE_CONNECTIONS}
 * over the profile database, and the servers a check starts, all closed after it (servers first).
 */
abstract class ServerFixture {

    TripBackends backends;
    ConnectionPool pool;
    private final List<DashboardServer> servers = new ArrayList<>();

    @BeforeEach
    void start_the_backends() {
        backends = TripBackends.start();
        backends.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY));
        backends.profiles().latency(Budgets.SHORT_LATENCY);
        pool = ConnectionPool.over(backends.profiles(), ServerSettings.DATABASE_CONNECTIONS);
    }

    @AfterEach
    void stop_everything() {
        try (TripBackends started = backends; ConnectionPool opened = pool) {
            servers.forEach(DashboardServer::close);
        }
    }

    /** Settings on these backends and this pool, with the kit's call timeout. */
    ServerSettings settings() {
        return ServerSettings.of(new DashboardSettings(backends.partners().baseUri(), pool.dataSource(), Budgets.CALL_TIMEOUT))
                .withDatabaseConnections(pool.size());
    }

    /** Starts a server that the fixture closes after the check, if the check has not. */
    DashboardServer start(ServerSettings settings) throws IOException {
        DashboardServer server = DashboardServer.start(settings);
        servers.add(server);
        return server;
    }

    /** The address of user {@code user}'s dashboard on {@code server}. */
    static URI dashboardOf(DashboardServer server, int user) {
        return server.uri().resolve(DashboardPage.PATH.substring(1) + user);
    }

    /** {@code clients} clients at once, one request each, to users 1, 2, 3, ... */
    static LoadReport load(DashboardServer server, int clients, Duration requestTimeout) throws InterruptedException {
        return LoadGenerator.run(new LoadGenerator.Settings(clients, 1, requestTimeout), n -> dashboardOf(server, n + 1));
    }
}
