package workshop.kit.profile;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import workshop.kit.Budgets;

/**
 * A real JDBC connection pool (HikariCP) over a {@link ProfileDatabase}, sized small on purpose:
 * the scarce resource of exercise 05.
 *
 * <pre>{@code
 * try (ProfileDatabase profiles = ProfileDatabase.start();
 *      ConnectionPool pool = ConnectionPool.over(profiles, 4)) {
 *     DataSource dataSource = pool.dataSource();
 *     ...
 *     assertThat(pool.inUse()).isZero();
 * }
 * }</pre>
 *
 * <p>A caller that asks for a connection while all are in use waits in the pool's own queue for up
 * to {@link Budgets#GUARD}: far longer than any request may take, so code that leaves the waiting
 * to the pool queues without a useful bound, as it would in production with a generous timeout.
 */
public final class ConnectionPool implements AutoCloseable {

    private final HikariDataSource pool;

    private ConnectionPool(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Opens {@code connections} connections to {@code database}, all of them at once. */
    public static ConnectionPool over(ProfileDatabase database, int connections) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database.dataSource());
        config.setPoolName("profiles-" + connections);
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(connections);
        config.setConnectionTimeout(Budgets.GUARD.toMillis());
        config.setInitializationFailTimeout(Budgets.GUARD.toMillis());
        return new ConnectionPool(new HikariDataSource(config));
    }

    /** Where the server gets its connections. */
    public DataSource dataSource() {
        return pool;
    }

    /** The pool's size. */
    public int size() {
        return pool.getMaximumPoolSize();
    }

    /** Connections handed out and not yet given back. */
    public int inUse() {
        return pool.getHikariPoolMXBean().getActiveConnections();
    }

    /** Callers waiting for a connection right now. */
    public int waiting() {
        return pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
