package workshop.kit.partner;

import static org.awaitility.Awaitility.await;
import static workshop.kit.WorkshopAssertions.assertInFlightTogether;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertThatThrownBy;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.assertTookAtMost;
import static workshop.kit.WorkshopAssertions.catchThrowable;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.TripData;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.trip.Backend;
import workshop.trip.PartnerReply;

@DisplayName("The partner API test server")
class PartnerApiServerTest extends ServerAndClient {

    /** How many requests the server must hold at once without becoming the bottleneck. */
    static final int THOUSAND = 1_000;

    /** A pause in the middle of a body, long against the time the headers need to arrive. */
    static final Duration BODY_DELAY = Budgets.CALL_TIMEOUT;


    HttpRequest request(Backend backend, int user) {
        return HttpRequest.newBuilder(partners.baseUri().resolve(backend.path() + "?user=" + user)).build();
    }

    HttpResponse<String> get(Backend backend, int user) throws Exception {
        return within(Budgets.GUARD, "GET " + backend.path() + "?user=" + user,
                () -> client.send(request(backend, user), BodyHandlers.ofString()));
    }

    @Nested
    @DisplayName("when an endpoint answers normally")
    class WhenAnEndpointAnswersNormally {

        @Test
        void it_serves_the_users_items_in_the_partner_reply_format() throws Exception {
            for (Backend backend : List.of(Backend.FLIGHTS, Backend.HOTELS, Backend.WEATHER)) {
                // GIVEN the default behaviour  WHEN user 7 asks
                HttpResponse<String> response = get(backend, 7);

                // THEN the body is that user's reply from this backend
                assertThat(response.statusCode()).as("status of %s", backend).isEqualTo(200);
                assertThat(PartnerReply.parse(backend, response.body()))
                        .as("the reply of the %s for user 7", backend)
                        .isEqualTo(TripData.reply(backend, 7));
                assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", backend)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            }
        }

        @Test
        void it_answers_after_the_default_latency_and_not_before() throws Exception {
            // GIVEN the default behaviour, Behaviour.normal()
            assertThat(Behaviour.normal().latency()).isEqualTo(Budgets.LATENCY);

            // WHEN one call is made
            Timed<HttpResponse<String>> call = timedWithin(Budgets.GUARD, "one normal call",
                    () -> client.send(request(Backend.FLIGHTS, 3), BodyHandlers.ofString()));

            // THEN it took at least the latency, and not the sum of several
            assertThat(call.value().statusCode()).isEqualTo(200);
            assertTookAtLeast(call.took(), Budgets.LATENCY, "the server waits its latency before it answers");
            assertTookAtMost(call.took(), Budgets.LATENCY.plus(Budgets.SLACK),
                    "the server waited longer than its latency: is the latency applied twice?");
        }

        @Test
        void answersAfter_sets_the_latency_of_one_endpoint_only() throws Exception {
            // GIVEN weather slowed to the call timeout, flights quick
            partners.on(Backend.WEATHER, Behaviour.answersAfter(Budgets.CALL_TIMEOUT));
            partners.on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY));

            // WHEN both are called
            Timed<HttpResponse<String>> weather = timedWithin(Budgets.GUARD, "the slowed weather call",
                    () -> client.send(request(Backend.WEATHER, 1), BodyHandlers.ofString()));
            Timed<HttpResponse<String>> flights = timedWithin(Budgets.GUARD, "the quick flights call",
                    () -> client.send(request(Backend.FLIGHTS, 1), BodyHandlers.ofString()));

            // THEN each took its own latency
            assertTookAtLeast(weather.took(), Budgets.CALL_TIMEOUT, "weather was set to answer after the call timeout");
            assertTookAtLeast(flights.took(), Budgets.SHORT_LATENCY, "flights was set to answer after the short latency");
            assertThat(flights.took())
                    .withFailMessage("expected the flights call (%s) to be quicker than the weather call (%s):"
                            + " on() changed more than one endpoint", Budgets.describe(flights.took()),
                            Budgets.describe(weather.took()))
                    .isLessThan(weather.took());
        }

        @Test
        void a_request_without_a_user_gets_the_items_of_user_minus_one() throws Exception {
            HttpResponse<String> response = within(Budgets.GUARD, "GET /hotels without a user", () -> client.send(
                    HttpRequest.newBuilder(partners.baseUri().resolve("/hotels")).build(), BodyHandlers.ofString()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(PartnerReply.parse(Backend.HOTELS, response.body())).isEqualTo(TripData.reply(Backend.HOTELS, -1));
            assertThat(partners.probe().spans()).singleElement()
                    .satisfies(span -> assertThat(span.what()).isEqualTo("hotels?user=-1"));
        }

        @Test
        void onAll_sets_every_endpoint() throws Exception {
            // GIVEN every endpoint set to answer 503
            partners.onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(503));

            // WHEN each is called  THEN each answers 503
            for (Backend backend : List.of(Backend.FLIGHTS, Backend.HOTELS, Backend.WEATHER)) {
                assertThat(get(backend, 5).statusCode()).as("status of the %s after onAll(503)", backend).isEqualTo(503);
            }
        }

        @Test
        void the_database_is_no_endpoint_of_this_server() {
            assertThatThrownBy(() -> partners.on(Backend.PROFILE, Behaviour.normal()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not served over HTTP");
            assertThatThrownBy(() -> partners.probe(Backend.PROFILE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("when 1,000 delayed requests arrive at once")
    class WhenAThousandRequestsArriveAtOnce {

        @Test
        void they_are_all_in_flight_together_and_cost_far_less_than_the_sequential_sum() throws Exception {
            // GIVEN flights answering after the latency, once all 1,000 requests wait together (a
            // rendezvous, so that a slow client spreading its requests cannot fail the count)
            Rendezvous all = Rendezvous.of(THOUSAND);
            partners.on(Backend.FLIGHTS, Behaviour.normal().meetingAt(all));

            // WHEN 1,000 requests are sent without waiting for one another
            Timed<List<HttpResponse<String>>> run = timedWithin(Budgets.GUARD, THOUSAND + " concurrent calls", () -> {
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int user = 1; user <= THOUSAND; user++) {
                    calls.add(client.sendAsync(request(Backend.FLIGHTS, user), BodyHandlers.ofString()));
                }
                return calls.stream().map(CompletableFuture::join).toList();
            });

            // THEN every one got its own answer
            for (int user = 1; user <= THOUSAND; user++) {
                HttpResponse<String> response = run.value().get(user - 1);
                assertThat(response.statusCode())
                        .withFailMessage("expected status 200 for user %d, got %d: %s", user, response.statusCode(), response.body())
                        .isEqualTo(200);
                assertThat(PartnerReply.parse(Backend.FLIGHTS, response.body())).isEqualTo(TripData.reply(Backend.FLIGHTS, user));
            }
            // AND the server held all of them at once (counts first)
            assertThat(partners.probe().calls()).isEqualTo(THOUSAND);
            assertThat(all.mostTogether()).as("requests waiting together at the rendezvous").isEqualTo(THOUSAND);
            assertInFlightTogether(partners.probe(), THOUSAND,
                    "The server must never be the bottleneck: does it still run each request on its own virtual thread?");
            // AND their latencies overlapped: far below the sequential sum (time last)
            Duration sequentialSum = Budgets.times(THOUSAND, Budgets.LATENCY);
            assertTookAtLeast(run.took(), Budgets.LATENCY, "each call waits the latency");
            assertTookAtMost(run.took(), sequentialSum.dividedBy(20), THOUSAND + " overlapping calls should cost about one latency ("
                    + Budgets.describe(Budgets.LATENCY) + ") plus the time to send them, against "
                    + Budgets.describe(sequentialSum) + " one after another: the server queues requests somewhere.");
            assertThat(partners.probe().inFlight()).as("calls still in flight after all answered").isZero();
        }
    }

    @Nested
    @DisplayName("when an endpoint is set to fail")
    class WhenAnEndpointIsSetToFail {

        @Test
        void withStatus_answers_that_status_with_a_body_that_says_so() throws Exception {
            // GIVEN hotels failing with 500
            partners.on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));

            // WHEN hotels and flights are called
            HttpResponse<String> hotels = get(Backend.HOTELS, 7);
            HttpResponse<String> flights = get(Backend.FLIGHTS, 7);

            // THEN hotels fails, flights does not
            assertThat(hotels.statusCode()).isEqualTo(500);
            assertThat(hotels.body()).contains("500");
            assertThatThrownBy(() -> PartnerReply.parse(Backend.HOTELS, hotels.body()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(flights.statusCode()).as("status of flights while only hotels fails").isEqualTo(200);
            assertThat(partners.probe(Backend.HOTELS).spans()).singleElement()
                    .satisfies(span -> assertThat(span.outcome()).isEqualTo("500"));
        }

        @Test
        void malformed_answers_200_with_a_body_that_is_no_partner_reply() throws Exception {
            // GIVEN weather sending an HTML page
            partners.on(Backend.WEATHER, Behaviour.answersAfter(Budgets.SHORT_LATENCY).malformed());

            // WHEN it is called
            HttpResponse<String> weather = get(Backend.WEATHER, 7);

            // THEN the status looks fine but the body does not parse
            assertThat(weather.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> PartnerReply.parse(Backend.WEATHER, weather.body()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed reply");
        }

        @Test
        void malformed_and_withStatus_combine() throws Exception {
            partners.on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).malformed().withStatus(502));

            HttpResponse<String> flights = get(Backend.FLIGHTS, 7);

            assertThat(flights.statusCode()).isEqualTo(502);
            assertThat(flights.body()).startsWith("<html>");
        }
    }

    @Nested
    @DisplayName("when an endpoint hangs")
    class WhenAnEndpointHangs {

        @Test
        void it_never_answers_until_the_server_closes_and_closing_releases_it_at_once() throws Exception {
            // GIVEN weather hanging, with one request waiting in it
            partners.on(Backend.WEATHER, Behaviour.hangs());
            CompletableFuture<HttpResponse<String>> hung = client.sendAsync(request(Backend.WEATHER, 7), BodyHandlers.ofString());
            await("the hanging request reached the server").atMost(Budgets.SLACK)
                    .until(() -> partners.probe(Backend.WEATHER).inFlight() == 1);

            // WHEN a normal call made after it has come and gone
            assertThat(get(Backend.FLIGHTS, 7).statusCode()).isEqualTo(200);

            // THEN the hung request is still waiting
            assertThat(hung)
                    .withFailMessage("expected the hanging endpoint to send nothing, but the request completed: %s", hung)
                    .isNotDone();
            assertThat(partners.probe(Backend.WEATHER).inFlight()).isEqualTo(1);

            // WHEN the server closes
            timedWithin(Budgets.SLACK, "closing the server while a request hangs", () -> {
                partners.close();
                return null;
            });

            // THEN the hung request ends, without an answer, and the probe saw it end
            Throwable ended = catchThrowable(() -> within(Budgets.SLACK, "the hung request after close()", hung::get));
            assertThat(ended)
                    .withFailMessage("expected the hung request to fail once the server closed, but it got %s",
                            ended == null ? hung.getNow(null) : ended)
                    .isInstanceOf(ExecutionException.class);
            assertThat(partners.probe(Backend.WEATHER).inFlight()).as("hung calls in flight after close()").isZero();
            assertThat(partners.probe(Backend.WEATHER).spans()).singleElement()
                    .satisfies(span -> assertThat(span.outcome()).isEqualTo("hung until the server stopped"));
        }
    }

    @Nested
    @DisplayName("when an endpoint sends its body slowly")
    class WhenAnEndpointSendsItsBodySlowly {

        @Test
        void the_headers_come_on_time_and_the_body_only_after_the_delay() throws Exception {
            // GIVEN hotels answering after the short latency, then pausing in the middle of the body
            partners.on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withSlowBody(BODY_DELAY));
            long start = System.nanoTime();

            // WHEN the headers arrive
            HttpResponse<InputStream> response = within(Budgets.GUARD, "the headers of the slow body",
                    () -> client.send(request(Backend.HOTELS, 7), BodyHandlers.ofInputStream()));
            Duration headersTook = Duration.ofNanos(System.nanoTime() - start);

            // THEN the server is still in the call, pausing in the body (counts, not clocks)
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(partners.probe(Backend.HOTELS).inFlight())
                    .withFailMessage("expected the headers to arrive while the server still pauses in the body,"
                            + " but the call had already ended after %s: the headers were held back with the body",
                            Budgets.describe(headersTook))
                    .isEqualTo(1);
            assertTookAtLeast(headersTook, Budgets.SHORT_LATENCY, "the latency comes before the headers");

            // WHEN the body is read to its end
            String body = within(Budgets.GUARD, "the slow body", () -> {
                try (InputStream in = response.body()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });
            Duration bodyTook = Duration.ofNanos(System.nanoTime() - start);

            // THEN it is whole, and it took the latency plus the pause
            assertThat(PartnerReply.parse(Backend.HOTELS, body)).isEqualTo(TripData.reply(Backend.HOTELS, 7));
            assertTookAtLeast(bodyTook, Budgets.SHORT_LATENCY.plus(BODY_DELAY), "the body pauses after the headers");
        }
    }

    @Nested
    @DisplayName("its probes")
    class ItsProbes {

        @Test
        void count_calls_per_endpoint_and_for_all_endpoints_together() throws Exception {
            // GIVEN quick endpoints
            partners.onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY));

            // WHEN flights is called twice and weather once, one after another
            get(Backend.FLIGHTS, 1);
            get(Backend.FLIGHTS, 2);
            get(Backend.WEATHER, 3);

            // THEN each endpoint counts its own, and the overall probe counts all
            assertThat(partners.probe(Backend.FLIGHTS).calls()).as("flights calls").isEqualTo(2);
            assertThat(partners.probe(Backend.WEATHER).calls()).as("weather calls").isEqualTo(1);
            assertThat(partners.probe(Backend.HOTELS).calls()).as("hotels calls").isZero();
            assertThat(partners.probe().calls()).as("calls to all endpoints").isEqualTo(3);
            assertThat(partners.probe().maxInFlight()).as("most in flight of sequential calls").isEqualTo(1);
            assertThat(partners.probe().inFlight()).isZero();
            assertThat(partners.probe().spans()).extracting(CallProbe.Span::what)
                    .containsExactly("flights?user=1", "flights?user=2", "weather?user=3");
        }

        @Test
        void see_calls_in_flight_now_and_at_most() throws Exception {
            // GIVEN hotels hanging, so that calls stay in flight
            partners.on(Backend.HOTELS, Behaviour.hangs());

            // WHEN three requests are sent
            List<CompletableFuture<HttpResponse<String>>> hung = new ArrayList<>();
            for (int user = 1; user <= 3; user++) {
                hung.add(client.sendAsync(request(Backend.HOTELS, user), BodyHandlers.ofString()));
            }

            // THEN all three are in flight now, on hotels and overall, and no other endpoint saw one
            await("three hanging requests reached the server").atMost(Budgets.SLACK)
                    .until(() -> partners.probe().inFlight() == 3);
            assertThat(partners.probe(Backend.HOTELS).inFlight()).isEqualTo(3);
            assertThat(partners.probe(Backend.HOTELS).maxInFlight()).isEqualTo(3);
            assertThat(partners.probe(Backend.FLIGHTS).maxInFlight()).isZero();
            assertThat(partners.probe().spans()).as("spans of calls that have not ended").isEmpty();

            // WHEN the server closes  THEN none is in flight, and the most at once stays 3
            partners.close();
            assertThat(partners.probe().inFlight()).isZero();
            assertThat(partners.probe().maxInFlight()).isEqualTo(3);
            assertThat(partners.probe().spans()).hasSize(3);
            hung.forEach(call -> call.cancel(true));
        }

        @Test
        void record_each_calls_span_thread_and_outcome() throws Exception {
            // GIVEN flights answering after the latency
            partners.on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.LATENCY));

            // WHEN one call is made
            long before = System.nanoTime();
            get(Backend.FLIGHTS, 9);
            long after = System.nanoTime();

            // THEN its span lies within the call, lasts at least the latency, and names a virtual thread
            CallProbe.Span span = partners.probe(Backend.FLIGHTS).spans().getFirst();
            assertThat(span.what()).isEqualTo("flights?user=9");
            assertThat(span.outcome()).isEqualTo("200");
            assertThat(span.startNanos()).isBetween(before, span.endNanos());
            assertThat(span.endNanos()).isLessThanOrEqualTo(after);
            assertTookAtLeast(Duration.ofNanos(span.endNanos() - span.startNanos()), Budgets.LATENCY,
                    "the span covers the server's wait");
            assertThat(span.thread())
                    .withFailMessage("expected the server to serve each request on a virtual thread, but it ran on %s",
                            span.thread())
                    .contains("VirtualThread");
        }

        @Test
        void reset_forgets_the_calls_so_far() throws Exception {
            partners.onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY));
            get(Backend.FLIGHTS, 1);

            partners.probe().reset();
            partners.probe(Backend.FLIGHTS).reset();

            assertThat(partners.probe().calls()).isZero();
            assertThat(partners.probe().maxInFlight()).isZero();
            assertThat(partners.probe().spans()).isEmpty();
            get(Backend.FLIGHTS, 2);
            assertThat(partners.probe(Backend.FLIGHTS).calls()).isEqualTo(1);
            assertThat(partners.probe().spans()).extracting(CallProbe.Span::what).containsExactly("flights?user=2");
        }
    }
}
