package workshop.cli.compare;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;
import workshop.trip.DashboardSettings;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;
import workshop.trip.threads.TripClient;

/**
 * The lab's own IO models, standing in for an exercise whose checks do not pass yet, so that the
 * lab shows every model from the start. Deliberately plain: no error handling beyond failing the
 * run, no timeline of their own (the backends record every call), none of the limits and
 * fallbacks the exercises teach.
 */
final class LabDashboards {

    private LabDashboards() {
    }

    /** One traveller after another, each call waiting for the one before: the sum of all latencies. */
    static List<Dashboard> sequential(TripClient client, List<Integer> users) throws InterruptedException {
        List<Dashboard> dashboards = new ArrayList<>();
        for (int user : users) {
            dashboards.add(new Dashboard(client.profile(user), client.partner(Backend.FLIGHTS, user).items(),
                    client.partner(Backend.HOTELS, user).items(), client.partner(Backend.WEATHER, user).items().getFirst()));
        }
        return dashboards;
    }

    /** Every call a task of its own on {@code threads}: as many calls wait at once as there are threads to wait in. */
    static List<Dashboard> onThreads(TripClient client, List<Integer> users, ExecutorService threads)
            throws InterruptedException, ExecutionException {
        try (threads) {
            List<Future<Profile>> profiles = new ArrayList<>();
            List<List<Future<PartnerReply>>> replies = new ArrayList<>();
            for (int user : users) {
                profiles.add(threads.submit(() -> client.profile(user)));
                List<Future<PartnerReply>> partners = new ArrayList<>();
                for (Backend partner : List.of(Backend.FLIGHTS, Backend.HOTELS, Backend.WEATHER)) {
                    partners.add(threads.submit(() -> client.partner(partner, user)));
                }
                replies.add(partners);
            }
            List<Dashboard> dashboards = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                List<Future<PartnerReply>> partners = replies.get(i);
                dashboards.add(new Dashboard(profiles.get(i).get(), partners.get(0).get().items(), partners.get(1).get().items(),
                        partners.get(2).get().items().getFirst()));
            }
            return dashboards;
        }
    }

    /**
     * Every call started at once as a task: the partner requests with {@code sendAsync}, whose
     * waiting holds no thread, the blocking profile query on {@code blockingWork}; each page is put
     * together on {@code loop} once its four parts are there. {@code database} serves only the
     * profile queries.
     */
    static CompletableFuture<List<Dashboard>> asTasks(DashboardSettings settings, TripClient database, HttpClient http,
                                                      List<Integer> users, Executor loop, Executor blockingWork) {
        List<CompletableFuture<Dashboard>> pages = new ArrayList<>();
        for (int user : users) {
            CompletableFuture<Profile> profile = profile(database, user, blockingWork);
            CompletableFuture<PartnerReply> flights = partner(settings, http, Backend.FLIGHTS, user);
            CompletableFuture<PartnerReply> hotels = partner(settings, http, Backend.HOTELS, user);
            CompletableFuture<PartnerReply> weather = partner(settings, http, Backend.WEATHER, user);
            pages.add(CompletableFuture.allOf(profile, flights, hotels, weather).thenApplyAsync(allThere -> new Dashboard(
                    profile.resultNow(), flights.resultNow().items(), hotels.resultNow().items(),
                    weather.resultNow().items().getFirst()), loop));
        }
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(allThere -> pages.stream().map(CompletableFuture::resultNow).toList());
    }

    /** One profile query on {@code blockingWork}: JDBC blocks, so it gets threads that may wait. */
    static CompletableFuture<Profile> profile(TripClient database, int user, Executor blockingWork) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return database.profile(user);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException(Backend.PROFILE, "interrupted", e);
            }
        }, blockingWork);
    }

    /** One partner call with {@code sendAsync}: no thread waits for the answer. */
    static CompletableFuture<PartnerReply> partner(DashboardSettings settings, HttpClient http, Backend backend, int user) {
        HttpRequest request = HttpRequest.newBuilder(settings.partnerUri(backend, user)).timeout(settings.callTimeout()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new BackendException(backend, "HTTP status " + response.statusCode());
            }
            return PartnerReply.parse(backend, response.body());
        });
    }

    /** An HTTP client whose own bookkeeping runs on {@code loop}: no pool that grows with the calls in flight. */
    static HttpClient httpOn(Executor loop, DashboardSettings settings) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.callTimeout()).executor(loop).build();
    }

}
