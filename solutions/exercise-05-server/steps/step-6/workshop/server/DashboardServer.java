package workshop.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.server.DashboardPage;
import workshop.trip.server.Handlers;
import workshop.trip.server.ServerSettings;
import workshop.trip.tasks.WeatherFallback;

/**
 * The trip dashboard, served over HTTP to many travellers at once: {@code GET /dashboard/<user>}
 * answers as {@link DashboardPage} says.
 *
 * <p>Invariants:
 * <ul>
 *   <li>each request runs on a thread of the kind the settings ask for (step 1, step 2);</li>
 *   <li>at most {@link ServerSettings#databaseConnections()} queries and
 *       {@link ServerSettings#partnerLimit()} partner calls run at once; a request that cannot get
 *       its turn before its deadline is answered {@value DashboardPage#SHED} with a
 *       {@code Retry-After}, never queued without bound (step 3);</li>
 *   <li>the time left before a request's deadline bounds every wait and every call it makes: it is
 *       answered by its deadline, and a late weather forecast only turns into the fallback (step 4);</li>
 *   <li>{@link #close()} refuses new requests with {@value DashboardPage#SHED}, lets those in flight
 *       finish within the grace period, and leaves no thread, connection or permit behind: every
 *       request gets exactly one answer (step 5);</li>
 *   <li>the database driver, which may block while it holds a monitor, never runs on a virtual
 *       thread: its calls run on platform threads, one per pooled connection (step 6).</li>
 * </ul>
 */
public final class DashboardServer implements AutoCloseable {

    private final ServerSettings settings;
    private final HttpServer http;
    private final ExecutorService handlers;
    private final ExecutorService database;
    private final Semaphore connections;
    private final Semaphore partnerCalls;
    private final ExecutorService partnerTasks = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient partners;
    private final InFlight inFlight = new InFlight();

    private DashboardServer(ServerSettings settings) throws IOException {
        this.settings = settings;
        this.handlers = switch (settings.handlers()) {
            case Handlers.FixedPool pool -> Executors.newFixedThreadPool(pool.threads(), Thread.ofPlatform().name("handler-", 1).factory());
            case Handlers.VirtualThreads virtual -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("handler-", 1).factory());
        };
        this.database = Executors.newFixedThreadPool(settings.databaseConnections(), Thread.ofPlatform().name("database-", 1).factory());
        this.connections = new Semaphore(settings.databaseConnections());
        this.partnerCalls = new Semaphore(settings.partnerLimit());
        // The client's own work on answers runs on virtual threads too: a thousand calls at once
        // cost no thousand platform threads.
        this.partners = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.backends().callTimeout()).executor(partnerTasks).build();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        http.setExecutor(this::dispatch);
        http.createContext(DashboardPage.PATH, this::serve);
    }

    /** Starts a server on a free loopback port. */
    public static DashboardServer start(ServerSettings settings) throws IOException {
        DashboardServer server = new DashboardServer(settings);
        server.http.start();
        return server;
    }

    /** The server's address, for example {@code http://127.0.0.1:41234/}. */
    public URI uri() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    /** Hands a request to a handler thread; once those are stopped, answers it here (it is refused at once). */
    private void dispatch(Runnable request) {
        try {
            handlers.execute(request);
        } catch (RejectedExecutionException closing) {
            request.run();
        }
    }

    private void serve(HttpExchange exchange) {
        Deadline deadline = Deadline.after(settings.deadline());
        try (exchange) {
            if (!inFlight.enter()) {
                shed(exchange, "the server is shutting down");
                return;
            }
            try {
                answer(exchange, deadline);
            } finally {
                inFlight.leave();
            }
        } catch (IOException gone) {
            // The client went away: nobody is left to answer.
        }
    }

    private void answer(HttpExchange exchange, Deadline deadline) throws IOException {
        int user = userOf(exchange.getRequestURI());
        if (user < 1) {
            send(exchange, DashboardPage.BAD_REQUEST, "no user in " + exchange.getRequestURI().getPath());
            return;
        }
        try {
            send(exchange, DashboardPage.OK, DashboardPage.render(dashboard(user, deadline)));
        } catch (Shed shed) {
            shed(exchange, shed.getMessage());
        } catch (DeadlinePassed late) {
            send(exchange, DashboardPage.GATEWAY_TIMEOUT, late.getMessage());
        } catch (NoProfile missing) {
            send(exchange, DashboardPage.NOT_FOUND, missing.getMessage());
        } catch (BackendException failed) {
            send(exchange, DashboardPage.BAD_GATEWAY, failed.getMessage());
        } catch (InterruptedException stopped) {
            shed(exchange, "the server is shutting down");
        }
    }

    /** One request's calls, one after another, each bounded by the time its request has left. */
    private Dashboard dashboard(int user, Deadline deadline) throws InterruptedException {
        Profile profile = profile(user, deadline);
        List<String> flights = partner(Backend.FLIGHTS, user, deadline).items();
        List<String> hotels = partner(Backend.HOTELS, user, deadline).items();
        String weather;
        try {
            weather = partner(Backend.WEATHER, user, deadline).items().getFirst();
        } catch (BackendException | DeadlinePassed | Shed | java.util.NoSuchElementException late) {
            weather = WeatherFallback.TEXT;
        }
        return new Dashboard(profile, flights, hotels, weather);
    }

    /**
     * Waits for a connection at most until the deadline, then queries on a database thread. The
     * permit goes back when the query ends, even if its request has given up waiting for it, so
     * the permits never promise more connections than the pool holds.
     */
    private Profile profile(int user, Deadline deadline) throws InterruptedException {
        if (!connections.tryAcquire(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
            throw new Shed("no database connection came free before the deadline");
        }
        Future<Profile> query;
        try {
            query = database.submit(() -> {
                try {
                    return query(user, deadline);
                } finally {
                    connections.release();
                }
            });
        } catch (RuntimeException rejected) {
            connections.release();
            throw new Shed("the server is shutting down");
        }
        try {
            return query.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DeadlinePassed(Backend.PROFILE);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new BackendException(Backend.PROFILE, String.valueOf(e.getCause()), e.getCause());
        }
    }

    private Profile query(int user, Deadline deadline) {
        try (Connection connection = settings.backends().profiles().getConnection();
             PreparedStatement query = connection.prepareStatement(Profile.QUERY)) {
            query.setQueryTimeout(wholeSecondsAtLeast(deadline.remaining()));
            query.setInt(1, user);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new NoProfile(user);
                }
                return new Profile(user, row.getString("name"), row.getString("home_airport"));
            }
        } catch (SQLException e) {
            throw new BackendException(Backend.PROFILE, e.getMessage(), e);
        }
    }

    private PartnerReply partner(Backend backend, int user, Deadline deadline) throws InterruptedException {
        if (!partnerCalls.tryAcquire(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
            throw new Shed("the partners' limit of " + settings.partnerLimit() + " calls stayed reached until the deadline");
        }
        // The call ends at whichever comes first: the request's deadline (then the request is late:
        // 504) or the call's own timeout (then the partner failed: 502).
        Duration left = deadline.remaining();
        boolean deadlineFirst = left.compareTo(settings.backends().callTimeout()) < 0;
        try {
            if (left.isZero()) {
                throw new DeadlinePassed(backend);
            }
            HttpRequest request = HttpRequest.newBuilder(settings.backends().partnerUri(backend, user))
                    .timeout(deadlineFirst ? left : settings.backends().callTimeout())
                    .GET().build();
            HttpResponse<String> response = partners.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BackendException(backend, "HTTP status " + response.statusCode());
            }
            return PartnerReply.parse(backend, response.body());
        } catch (HttpTimeoutException e) {
            throw deadlineFirst ? new DeadlinePassed(backend) : new BackendException(backend, "no answer within its call timeout", e);
        } catch (IOException e) {
            throw new BackendException(backend, "connection failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BackendException(backend, e.getMessage(), e);
        } finally {
            partnerCalls.release();
        }
    }

    private static void shed(HttpExchange exchange, String why) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(DashboardPage.RETRY_AFTER_SECONDS));
        send(exchange, DashboardPage.SHED, why);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int userOf(URI request) {
        String id = request.getPath().substring(DashboardPage.PATH.length());
        return id.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(id) : -1;
    }

    /** JDBC counts query timeouts in whole seconds: round up, so the limit is never shorter than asked. */
    private static int wholeSecondsAtLeast(Duration timeout) {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /**
     * Refuses new requests, lets those in flight finish for up to the grace period, then stops the
     * rest (they are answered {@value DashboardPage#SHED}), and returns once every thread it started
     * has ended.
     */
    @Override
    public void close() {
        inFlight.close(settings.grace());
        // Requests still running are interrupted, and answer that the server is shutting down;
        // those still queued for a thread of a fixed pool are refused here.
        handlers.shutdownNow().forEach(Runnable::run);
        awaitEnd(handlers);
        http.stop(0);
        database.shutdown();
        awaitEnd(database);
        partners.shutdownNow();
        partners.close();
        partnerTasks.close();
    }

    private static void awaitEnd(ExecutorService executor) {
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** When a request must be answered: its arrival plus the settings' deadline. */
    private record Deadline(long atNanos) {

        static Deadline after(Duration deadline) {
            return new Deadline(System.nanoTime() + deadline.toNanos());
        }

        long remainingNanos() {
            return Math.max(0, atNanos - System.nanoTime());
        }

        Duration remaining() {
            return Duration.ofNanos(remainingNanos());
        }
    }

    /** The requests being answered; once closed, it lets none in. */
    private static final class InFlight {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition none = lock.newCondition();
        private int count;
        private boolean closed;

        boolean enter() {
            lock.lock();
            try {
                if (closed) {
                    return false;
                }
                count++;
                return true;
            } finally {
                lock.unlock();
            }
        }

        void leave() {
            lock.lock();
            try {
                if (--count == 0) {
                    none.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        /** Lets no request in from now on, and waits up to {@code grace} for those inside to leave. */
        void close(Duration grace) {
            lock.lock();
            try {
                closed = true;
                long left = grace.toNanos();
                while (count > 0 && left > 0) {
                    left = none.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The request cannot get its turn at a scarce resource before its deadline. */
    private static final class Shed extends RuntimeException {
        Shed(String why) {
            super(why, null, false, false);
        }
    }

    /** The request's deadline passed while it waited for a backend. */
    private static final class DeadlinePassed extends RuntimeException {
        DeadlinePassed(Backend backend) {
            super("the deadline passed while waiting for the " + backend, null, false, false);
        }
    }

    private static final class NoProfile extends RuntimeException {
        NoProfile(int user) {
            super("no profile for user " + user, null, false, false);
        }
    }
}
