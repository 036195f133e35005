package workshop.tasks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.tasks.TaskSettings;
import workshop.trip.tasks.WeatherFallback;

/**
 * Builds trip dashboards as tasks: the four backend calls start at once, nothing waits for them
 * on a thread, and the page is put together on the event loop when the last part arrives.
 *
 * <p>Use it where many pages load at once on few threads. {@link #load} returns at once; the
 * returned future completes on the loop. Block on it only at the very edge of the program (a test,
 * a {@code main}), never inside a callback.
 *
 * <pre>{@code
 * try (AsyncDashboard dashboards = new AsyncDashboard(settings)) {
 *     dashboards.load(7).thenAccept(page -> render(page));
 * }
 * }</pre>
 *
 * <p>Memory consistency: everything a backend call did happens-before the callback that reads its
 * result, and everything done to build the page happens-before the actions of callbacks on the
 * returned future (the guarantee of {@link CompletableFuture}).
 *
 * <p>Invariants it protects:
 * <ul>
 *   <li>the loop never waits: the partner calls use {@link HttpClient#sendAsync}, whose waiting
 *       costs no thread; the HTTP client's own bookkeeping and every callback run on the loop as
 *       short tasks; the JDBC query, which blocks, runs on {@code blockingWork} only;</li>
 *   <li>no {@code join()} or {@code get()} anywhere: parts are combined once
 *       {@link CompletableFuture#allOf} says all are there, and read with {@code resultNow()};</li>
 *   <li>the page settles on the loop, with its dashboard or its failure, whichever part came last
 *       and on whatever thread it came (a blocking-work thread, the timer of the weather budget);</li>
 *   <li>the weather is optional: after {@code weatherBudget}, or when it fails, the page shows
 *       {@link WeatherFallback#TEXT}; a failure of any required part (profile, flights, hotels)
 *       fails the page with a {@link BackendException} that names the backend;</li>
 *   <li>when the page is settled (done, failed or cancelled) nothing of it keeps running: every
 *       HTTP exchange still open is cancelled, and a running query is interrupted.</li>
 * </ul>
 *
 * <p>Interrupts: nothing here waits, so there is nothing to interrupt. Cancel the returned future
 * instead ({@code cancel(true)} or {@code cancel(false)}, alike): that stops the page's calls.
 */
public final class AsyncDashboard implements AutoCloseable {

    private final TaskSettings settings;
    private final Executor loop;
    private final HttpClient http;

    public AsyncDashboard(TaskSettings settings) {
        this.settings = settings;
        this.loop = settings.loop();
        // The client's bookkeeping runs on the loop too: no pool of its own that grows with the
        // number of calls in flight. (This is also why nothing may ever wait on the loop: the
        // answer it waits for would need the loop to arrive.)
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.backends().callTimeout())
                .executor(loop)
                .build();
    }

    /**
     * Starts loading the dashboard of {@code userId} and returns at once.
     *
     * @return a future that completes on the loop with the page, or with a {@link BackendException}
     *         naming a required backend that failed or did not answer within the call timeout;
     *         cancelling it stops the page's outstanding calls
     */
    public CompletableFuture<Dashboard> load(int userId) {
        Outstanding outstanding = new Outstanding();
        CompletableFuture<Profile> profile = profile(userId, outstanding);
        CompletableFuture<PartnerReply> flights = fetch(Backend.FLIGHTS, userId, outstanding);
        CompletableFuture<PartnerReply> hotels = fetch(Backend.HOTELS, userId, outstanding);
        CompletableFuture<String> weather = weather(userId, outstanding);

        // handleAsync runs on the loop whether the parts are all there or one failed: the page settles there either way,
        // whichever part came last. (thenApplyAsync skips its step for a failure, which then settles where it arrived.)
        CompletableFuture<Dashboard> page = CompletableFuture.allOf(profile, flights, hotels, weather)
                .handleAsync((allThere, failure) -> {
                    if (failure != null) {
                        throw failure instanceof CompletionException passedOn ? passedOn : new CompletionException(failure);
                    }
                    return new Dashboard(
                            profile.resultNow(),
                            flights.resultNow().items(),
                            hotels.resultNow().items(),
                            weather.resultNow());
                }, loop);
        // Settled one way or another: whatever still runs for this page is of no use any more.
        page.whenComplete((done, failure) -> outstanding.cancelAll());
        return page;
    }

    /** The optional part: a forecast within the budget, or the fallback; it never fails. */
    private CompletableFuture<String> weather(int userId, Outstanding outstanding) {
        return fetch(Backend.WEATHER, userId, outstanding)
                .thenApply(reply -> reply.items().getFirst())
                .completeOnTimeout(WeatherFallback.TEXT, settings.weatherBudget().toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(failure -> WeatherFallback.TEXT);
    }

    /** One partner call: no thread waits for it; its answer is read on the loop. */
    private CompletableFuture<PartnerReply> fetch(Backend backend, int userId, Outstanding outstanding) {
        HttpRequest request = HttpRequest.newBuilder(settings.backends().partnerUri(backend, userId))
                .timeout(settings.backends().callTimeout())
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        // Only the future sendAsync returned can abort the exchange; futures derived from it cannot.
        outstanding.add(() -> exchange.cancel(true));
        return exchange.handleAsync((response, failure) -> reply(backend, response, failure), loop);
    }

    private PartnerReply reply(Backend backend, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof HttpTimeoutException) {
                throw new BackendException(backend, "no answer within " + settings.backends().callTimeout().toMillis() + " ms", cause);
            }
            if (cause instanceof IOException) {
                throw new BackendException(backend, "connection failed: " + cause.getMessage(), cause);
            }
            throw new BackendException(backend, String.valueOf(cause), cause);
        }
        if (response.statusCode() != 200) {
            throw new BackendException(backend, "HTTP status " + response.statusCode());
        }
        try {
            return PartnerReply.parse(backend, response.body());
        } catch (IllegalArgumentException e) {
            throw new BackendException(backend, e.getMessage(), e);
        }
    }

    /**
     * The blocking part: JDBC has no asynchronous API, so the query gets a thread of the
     * blocking-work executor. It runs as a {@link FutureTask}, which, unlike a CompletableFuture,
     * knows its thread: cancelling it interrupts the query where it waits.
     */
    private CompletableFuture<Profile> profile(int userId, Outstanding outstanding) {
        CompletableFuture<Profile> profile = new CompletableFuture<>();
        FutureTask<Void> query = new FutureTask<>(() -> {
            try {
                profile.complete(loadProfile(userId));
            } catch (Throwable failure) {
                profile.completeExceptionally(failure);
            }
        }, null);
        outstanding.add(() -> query.cancel(true));
        settings.blockingWork().execute(query);
        return profile;
    }

    private Profile loadProfile(int userId) {
        Duration timeout = settings.backends().callTimeout();
        try (Connection connection = settings.backends().profiles().getConnection();
             PreparedStatement query = connection.prepareStatement(Profile.QUERY)) {
            query.setQueryTimeout(wholeSecondsAtLeast(timeout));
            query.setInt(1, userId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new BackendException(Backend.PROFILE, "no profile for user " + userId);
                }
                return new Profile(userId, row.getString("name"), row.getString("home_airport"));
            }
        } catch (SQLTimeoutException e) {
            throw new BackendException(Backend.PROFILE, "no answer within " + timeout.toMillis() + " ms", e);
        } catch (SQLException e) {
            throw new BackendException(Backend.PROFILE, e.getMessage(), e);
        }
    }

    /** Releases the HTTP client's connections and its selector thread; pages still loading fail. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    /** What one page still has running, to be stopped when the page is settled. */
    private static final class Outstanding {
        private final List<Runnable> cancellers = new CopyOnWriteArrayList<>();

        void add(Runnable canceller) {
            cancellers.add(canceller);
        }

        void cancelAll() {
            cancellers.forEach(Runnable::run);
        }
    }

    /** JDBC counts query timeouts in whole seconds: round up, so the limit is never shorter than asked. */
    private static int wholeSecondsAtLeast(Duration timeout) {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
