package workshop.kit.profile;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.h2.api.ErrorCode;
import org.h2.command.Command;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.message.DbException;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.TripData;

/**
 * The profile database: an embedded H2 database in memory, reached over real JDBC, whose profile
 * query takes as long as the test says and fails when the test says.
 *
 * <pre>{@code
 * try (ProfileDatabase profiles = ProfileDatabase.start()) {
 *     profiles.latency(Budgets.LATENCY);
 *     DataSource dataSource = profiles.dataSource();
 *     ...
 *     assertThat(profiles.probe().maxInFlight()).isEqualTo(20);
 * }
 * }</pre>
 *
 * <p>The latency is spent inside the query, on the caller's thread, the way a slow real database
 * keeps a JDBC caller waiting. It is spent in short slices that check the statement's cancel
 * state, so {@link Statement#setQueryTimeout} and {@link Statement#cancel} end it on time (H2 only
 * stops a statement where it checks for cancellation; a plain sleep would ignore both).
 * The probe records each query's thread, to show on which executor the work ran.
 */
public final class ProfileDatabase implements AutoCloseable {

    private static final Map<String, ProfileDatabase> OPEN = new ConcurrentHashMap<>();
    /** H2 marks a cancelled command in a private flag that checkCanceled() never reads: read it here. */
    private static final VarHandle COMMAND_CANCELLED = commandCancelledFlag();
    private static final long SLICE_NANOS = Duration.ofMillis(5).toNanos();

    private final String name;
    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepAlive;
    private final CallProbe probe = new CallProbe();
    private volatile Duration latency = Budgets.LATENCY;
    private volatile Fault fault = Fault.NONE;

    private enum Fault { NONE, ERROR, HANG }

    private ProfileDatabase() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:profiles-" + UUID.randomUUID());
        keepAlive = dataSource.getConnection();
        name = databaseName(keepAlive);
        OPEN.put(name, this);
        try (Statement ddl = keepAlive.createStatement()) {
            String self = ProfileDatabase.class.getName();
            ddl.execute("CREATE ALIAS profile_name FOR '" + self + ".nameOf'");
            ddl.execute("CREATE ALIAS profile_airport FOR '" + self + ".homeAirportOf'");
            ddl.execute("CREATE TABLE profile_data (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL, home_airport CHAR(3) NOT NULL)"
                    + " AS SELECT X, profile_name(X), profile_airport(X) FROM SYSTEM_RANGE(1, " + TripData.USERS + ")");
            ddl.execute("CREATE ALIAS storage_wait FOR '" + self + ".storageWait'");
            ddl.execute("CREATE VIEW profile AS SELECT id, name, home_airport FROM profile_data WHERE storage_wait(id)");
        }
    }

    /** Opens a fresh database holding the profiles of users 1 to {@link TripData#USERS}. */
    public static ProfileDatabase start() {
        try {
            return new ProfileDatabase();
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the in-memory profile database", e);
        }
    }

    /** Where the learner's code gets its connections. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** From now on each profile query takes {@code latency}. */
    public ProfileDatabase latency(Duration latency) {
        this.latency = Objects.requireNonNull(latency);
        this.fault = Fault.NONE;
        return this;
    }

    /** From now on each profile query fails with an {@link SQLException}. */
    public ProfileDatabase failing() {
        this.fault = Fault.ERROR;
        return this;
    }

    /** From now on each profile query waits until it is cancelled, times out, or the database closes. */
    public ProfileDatabase hanging() {
        this.fault = Fault.HANG;
        return this;
    }

    /** The profile queries received: count, in flight, most at once, and each one's thread. */
    public CallProbe probe() {
        return probe;
    }

    @Override
    public void close() {
        OPEN.remove(name);
        try (Statement shutdown = keepAlive.createStatement()) {
            shutdown.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already gone
        }
    }

    /** The stored name of a user; called by H2 while the table is filled. */
    public static String nameOf(int id) {
        return TripData.profile(id).name();
    }

    /** The stored home airport of a user; called by H2 while the table is filled. */
    public static String homeAirportOf(int id) {
        return TripData.profile(id).homeAirport();
    }

    /** The view's wait, called by H2 once per profile row read; not for tests to call. */
    public static boolean storageWait(Connection connection, int id) throws SQLException {
        // Inside a function H2 hands over its own session connection: find the database by name.
        ProfileDatabase database = OPEN.get(databaseName(connection));
        if (database == null) {
            return true;
        }
        CallProbe.Call call = database.probe.begin("profile of user " + id);
        String outcome = "answered";
        try {
            database.waitInSlices(connection);
            return true;
        } catch (SQLException e) {
            outcome = e.getMessage();
            throw e;
        } finally {
            call.end(outcome);
        }
    }

    private static VarHandle commandCancelledFlag() {
        try {
            return MethodHandles.privateLookupIn(Command.class, MethodHandles.lookup())
                    .findVarHandle(Command.class, "cancel", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this H2 version has no Command.cancel flag: " + e);
        }
    }

    private static String databaseName(Connection connection) throws SQLException {
        return session(connection).getDatabase().getName();
    }

    private static SessionLocal session(Connection connection) throws SQLException {
        return (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
    }

    private void waitInSlices(Connection connection) throws SQLException {
        SessionLocal session = session(connection);
        // Like many drivers, wait while holding the session's monitor: on JDK 21 to 23 a virtual
        // thread that waits here pins its carrier (exercise 05, step 6).
        synchronized (session) {
            waitInSlices(session);
        }
    }

    private void waitInSlices(SessionLocal session) throws SQLException {
        long deadline = System.nanoTime() + latency.toNanos();
        while (fault == Fault.HANG || System.nanoTime() < deadline) {
            session.checkCanceled();
            Command command = session.getCurrentCommand();
            if (command != null && (boolean) COMMAND_CANCELLED.getAndSet(command, false)) {
                throw DbException.get(ErrorCode.STATEMENT_WAS_CANCELED);
            }
            if (!OPEN.containsKey(name)) {
                throw new SQLException("the profile database was shut down");
            }
            try {
                Thread.sleep(Duration.ofNanos(SLICE_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while reading the profile", e);
            }
        }
        if (fault == Fault.ERROR) {
            throw new SQLException("disk I/O error reading the profile (failure set by the test)", "58030");
        }
    }
}
