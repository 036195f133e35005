package workshop.kit.partner;

import static org.awaitility.Awaitility.await;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.kit.Budgets;
import workshop.kit.TripData;
import workshop.trip.Backend;

@DisplayName("The partner relay")
class PartnerRelayTest {

    PartnerApiServer partners;
    PartnerRelay relay;
    HttpClient client;

    @BeforeEach
    void start() throws Exception {
        partners = PartnerApiServer.start();
        relay = PartnerRelay.to(partners.baseUri());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            client.close();
            relay.close();
        } finally {
            partners.close();
        }
    }

    URI uri(Backend backend, int user) {
        return relay.baseUri().resolve(backend.path() + "?user=" + user);
    }

    @Test
    @DisplayName("passes requests and answers through unchanged")
    void relays_an_exchange() throws Exception {
        // WHEN
        HttpResponse<String> reply = within(Budgets.GUARD, "a GET through the relay",
                () -> client.send(HttpRequest.newBuilder(uri(Backend.FLIGHTS, 7)).build(), BodyHandlers.ofString()));

        // THEN
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(TripData.reply(Backend.FLIGHTS, 7).format());
        assertThat(relay.requests()).isEqualTo(1);
        assertThat(relay.waiting()).isZero();
    }

    @Test
    @DisplayName("sees a client let go of a request the server would hold forever")
    void sees_a_cancelled_request() {
        // GIVEN a request that the server never answers, waiting at the relay
        partners.on(Backend.WEATHER, Behaviour.hangs());
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(
                HttpRequest.newBuilder(uri(Backend.WEATHER, 3)).build(), BodyHandlers.ofString());
        await("the request waiting at the relay").atMost(Budgets.SLACK).pollInterval(Duration.ofMillis(5))
                .until(() -> relay.waiting() == 1);

        // WHEN the client gives up on it
        call.cancel(true);

        // THEN the relay counts it as waiting no more
        await("the request no longer waiting").atMost(Budgets.SLACK).pollInterval(Duration.ofMillis(5))
                .until(() -> relay.waiting() == 0);
        assertThat(relay.requests()).isEqualTo(1);
    }
}
