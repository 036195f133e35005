package workshop.kit.partner;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertThatThrownBy;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.assertTookAtMost;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.TripData;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.trip.Backend;
import workshop.trip.PartnerReply;

@DisplayName("A rendezvous of partner API requests")
class RendezvousTest extends ServerAndClient {

    /**
     * How long the rendezvous of the timing-out tests wait: short, so that several requests can
     * time out one after another without making the suite slow.
     */
    static final Duration SHORT_WAIT = Budgets.scaled(300);


    CompletableFuture<HttpResponse<String>> send(Backend backend, int user) {
        return client.sendAsync(HttpRequest.newBuilder(partners.baseUri().resolve(backend.path() + "?user=" + user)).build(),
                BodyHandlers.ofString());
    }

    Timed<HttpResponse<String>> call(Backend backend, int user) throws Exception {
        return timedWithin(Budgets.GUARD, "GET " + backend.path() + "?user=" + user, () -> send(backend, user).join());
    }

    @Nested
    @DisplayName("when k requests arrive together")
    class WhenKRequestsArriveTogether {

        @Test
        void all_of_them_are_answered_normally() throws Exception {
            // GIVEN flights meeting at a rendezvous of 3
            Rendezvous three = Rendezvous.of(3);
            partners.on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(three));

            // WHEN 3 requests are sent at once
            List<HttpResponse<String>> answers = within(Budgets.GUARD, "3 concurrent calls", () ->
                    List.of(send(Backend.FLIGHTS, 1), send(Backend.FLIGHTS, 2), send(Backend.FLIGHTS, 3))
                            .stream().map(CompletableFuture::join).toList());

            // THEN each is answered with its user's items
            for (int user = 1; user <= 3; user++) {
                HttpResponse<String> answer = answers.get(user - 1);
                assertThat(answer.statusCode())
                        .withFailMessage("expected 3 requests together to pass a rendezvous of 3, but user %d got %d: %s",
                                user, answer.statusCode(), answer.body())
                        .isEqualTo(200);
                assertThat(PartnerReply.parse(Backend.FLIGHTS, answer.body())).isEqualTo(TripData.reply(Backend.FLIGHTS, user));
            }
            assertThat(three.isOpen()).isTrue();
            assertThat(three.mostTogether()).isEqualTo(3);
            assertThat(three.parties()).isEqualTo(3);
            assertThat(partners.probe(Backend.FLIGHTS).maxInFlight()).isEqualTo(3);
        }

        @Test
        void once_open_it_stays_open_for_later_requests() throws Exception {
            // GIVEN a rendezvous of 2 that two requests have opened
            Rendezvous two = Rendezvous.of(2, SHORT_WAIT);
            partners.on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(two));
            within(Budgets.GUARD, "2 concurrent calls", () ->
                    List.of(send(Backend.FLIGHTS, 1), send(Backend.FLIGHTS, 2)).stream().map(CompletableFuture::join).toList());

            // WHEN a lone request comes later
            Timed<HttpResponse<String>> late = call(Backend.FLIGHTS, 3);

            // THEN it passes at once
            assertThat(late.value().statusCode()).as("status of a lone request after the rendezvous opened").isEqualTo(200);
            assertTookAtMost(late.took(), SHORT_WAIT,
                    "an open rendezvous must let every later request through without waiting");
        }

        @Test
        void one_rendezvous_can_span_several_endpoints() throws Exception {
            // GIVEN the three partner APIs sharing one rendezvous of 3
            Rendezvous dashboard = Rendezvous.of(3);
            partners.onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(dashboard));

            // WHEN each endpoint gets one request, all at once
            List<HttpResponse<String>> answers = within(Budgets.GUARD, "one call per endpoint", () ->
                    List.of(send(Backend.FLIGHTS, 7), send(Backend.HOTELS, 7), send(Backend.WEATHER, 7))
                            .stream().map(CompletableFuture::join).toList());

            // THEN all three pass: the requests of different endpoints met
            assertThat(answers).extracting(HttpResponse::statusCode)
                    .withFailMessage("expected one request on each of 3 endpoints to meet at their shared rendezvous,"
                            + " but the statuses were %s", answers.stream().map(HttpResponse::statusCode).toList())
                    .containsOnly(200);
            assertThat(dashboard.mostTogether()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("when requests come one after another")
    class WhenRequestsComeOneAfterAnother {

        @Test
        void each_fails_with_503_and_a_message_that_says_why() throws Exception {
            // GIVEN flights meeting at a rendezvous of 2
            Rendezvous two = Rendezvous.of(2, SHORT_WAIT);
            partners.on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(two));

            for (int user = 1; user <= 2; user++) {
                // WHEN a request comes alone (the one before it has given up)
                Timed<HttpResponse<String>> alone = call(Backend.FLIGHTS, user);

                // THEN it waits the whole wait, then fails with 503 and the reason
                assertThat(alone.value().statusCode())
                        .withFailMessage("expected the lone request number %d to fail with 503, but it got %d: %s."
                                + " Sequential code must never pass a rendezvous: does a request that gave up still count as waiting?",
                                user, alone.value().statusCode(), alone.value().body())
                        .isEqualTo(503);
                assertThat(alone.value().body()).isEqualTo("rendezvous timed out: waited " + Budgets.describe(SHORT_WAIT)
                        + " for 2 calls in flight together, but at most 1 were");
                assertTookAtLeast(alone.took(), SHORT_WAIT, "a request waits the rendezvous' whole wait before it gives up");
            }
            assertThat(two.isOpen()).isFalse();
            assertThat(two.mostTogether()).isEqualTo(1);
            assertThat(partners.probe(Backend.FLIGHTS).spans()).extracting(CallProbe.Span::outcome)
                    .containsExactly("503 rendezvous timed out", "503 rendezvous timed out");
        }

        @Test
        void of_waits_the_rendezvous_budget_before_giving_up() throws Exception {
            // GIVEN the kit's own rendezvous of 2
            partners.on(Backend.WEATHER, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(Rendezvous.of(2)));

            // WHEN one request comes alone
            Timed<HttpResponse<String>> alone = call(Backend.WEATHER, 1);

            // THEN it fails after RENDEZVOUS_WAIT, not before and not much later
            assertThat(alone.value().statusCode()).isEqualTo(503);
            assertThat(alone.value().body()).contains("waited " + Budgets.describe(Budgets.RENDEZVOUS_WAIT));
            assertTookAtLeast(alone.took(), Budgets.RENDEZVOUS_WAIT, "Rendezvous.of waits RENDEZVOUS_WAIT");
            assertTookAtMost(alone.took(), Budgets.RENDEZVOUS_WAIT.plus(Budgets.SLACK),
                    "a request that gave up must be answered at once");
        }
    }

    @Nested
    @DisplayName("when fewer than k requests arrive together")
    class WhenFewerThanKArriveTogether {

        @Test
        void they_all_fail_and_mostTogether_says_how_many_met() throws Exception {
            // GIVEN flights and hotels sharing a rendezvous of 3
            Rendezvous three = Rendezvous.of(3, SHORT_WAIT);
            partners.on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(three));
            partners.on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(three));

            // WHEN only two requests come together, one per endpoint
            List<HttpResponse<String>> answers = within(Budgets.GUARD, "two concurrent calls", () ->
                    List.of(send(Backend.FLIGHTS, 1), send(Backend.HOTELS, 1)).stream().map(CompletableFuture::join).toList());

            // THEN both fail, saying that at most 2 met
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.body()).endsWith("for 3 calls in flight together, but at most 2 were");
            }
            assertThat(three.mostTogether()).isEqualTo(2);
            assertThat(three.isOpen()).isFalse();
        }
    }

    @Test
    void needs_at_least_one_party() {
        assertThatThrownBy(() -> Rendezvous.of(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one party");
    }
}
