package workshop.cli.compare;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import workshop.trip.Dashboard;
import workshop.trip.DashboardSettings;
import workshop.trip.threads.BlockingTripClient;

/**
 * The main class of the lab's IO worker process: loads the dashboards of the travellers it is
 * given, one call after another, and prints each as a line starting with {@value #TAG}.
 *
 * <p>Arguments: the partner APIs' base address, the profile database's JDBC address (over TCP:
 * the database lives in the lab's JVM), the call timeout in ms. Stdin: the traveller ids, one line,
 * separated by commas. It keeps one database connection for all its queries, so that the lab's
 * database server holds one thread per worker, not one per query.
 */
public final class DashboardWorker {

    static final String TAG = "dashboard";

    private DashboardWorker() {
    }

    public static void main(String[] args) throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL(args[1]);
        DashboardSettings settings = new DashboardSettings(URI.create(args[0]), oneConnection(database.getConnection()),
                Duration.ofMillis(Long.parseLong(args[2])));
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        List<Integer> users = Arrays.stream(line.split(",")).map(String::strip).map(Integer::valueOf).toList();
        try (BlockingTripClient client = new BlockingTripClient(settings)) {
            for (Dashboard dashboard : LabDashboards.sequential(client, users)) {
                System.out.println(TAG + " " + dashboard);
            }
        }
        System.out.flush();
    }

    /** A data source that hands out {@code connection} every time, and whose connections' close() keeps it open. */
    private static DataSource oneConnection(Connection connection) {
        Connection kept = (Connection) Proxy.newProxyInstance(DashboardWorker.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();   // the SQLException the client expects, not a wrapper
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DashboardWorker.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName() + ": the worker only asks for its connection");
                });
    }
}
