package workshop.cli.compare;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import workshop.trip.server.DashboardPage;

/**
 * The server workload's clients: one virtual thread per client, all started at once, each sending
 * one {@code GET /dashboard/<user>} through one shared {@link HttpClient} and keeping what came
 * back, page included, so that the lab can check every answer. Like the kit's load generator, which
 * throws the pages away; the lab reads them.
 *
 * <p>The HTTP client is made once, before any run, and does its own work on virtual threads: the
 * clients start no platform thread during a run, so the threads a run counts are the server's.
 */
final class ServerClients implements AutoCloseable {

    /**
     * One client's request and what came of it.
     *
     * @param user      whose dashboard was asked for
     * @param sentNanos when the request was sent ({@link System#nanoTime()})
     * @param endNanos  when the answer came, or the request gave up
     * @param status    the answer's status; empty when there was none
     * @param body      the answer's body; empty when there was none
     * @param failure   why there was no answer ({@code timed out}, ...); empty when there was one
     */
    record Answer(int user, long sentNanos, long endNanos, Optional<Integer> status, String body, String failure) {

        /** The status, or why there was none: a bar's outcome. */
        String outcome() {
            return status.map(String::valueOf).orElse(failure);
        }
    }

    private final ExecutorService httpTasks = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final Duration requestTimeout;

    ServerClients(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout)
                .executor(httpTasks).build();
    }

    /** Every user's client at once against {@code server}; the answers in the order of {@code users}. */
    List<Answer> ask(URI server, List<Integer> users) throws InterruptedException {
        List<Answer> answers = new ArrayList<>(users.size());
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Answer>> pending = new ArrayList<>(users.size());
            for (int user : users) {
                URI page = server.resolve(DashboardPage.PATH.substring(1) + user);
                pending.add(clients.submit(() -> ask(page, user)));
            }
            for (Future<Answer> answer : pending) {
                answers.add(answer.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client of the lab failed", e.getCause());
        }
        return answers;
    }

    private Answer ask(URI page, int user) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(page).timeout(requestTimeout).GET().build();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(user, sent, System.nanoTime(), Optional.of(response.statusCode()), response.body(), "");
        } catch (HttpTimeoutException e) {
            return new Answer(user, sent, System.nanoTime(), Optional.empty(), "", "timed out");
        } catch (ConnectException e) {
            return new Answer(user, sent, System.nanoTime(), Optional.empty(), "", "connection refused");
        } catch (IOException e) {
            return new Answer(user, sent, System.nanoTime(), Optional.empty(), "", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
        http.close();
        httpTasks.shutdownNow();
    }
}
