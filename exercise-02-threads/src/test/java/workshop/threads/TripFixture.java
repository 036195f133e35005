package workshop.threads;

import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.kit.WorkshopAssertions.failureWithin;
import static workshop.kit.WorkshopAssertions.within;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import workshop.kit.Budgets;
import workshop.kit.CallCountError;
import workshop.kit.TripBackends;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.PartnerApiServer;
import workshop.kit.partner.Rendezvous;
import workshop.kit.profile.ProfileDatabase;
import workshop.trip.threads.BlockingTripClient;

/**
 * One test's backends and the client your code gets: the partner APIs and the test class's profile
 * database (answering at once unless the test sets a latency: the checks count calls in flight
 * rather than wait for them), the real
 * {@link BlockingTripClient} (with {@link #CALL_TIMEOUT}), and the {@link ObservedClient} around
 * it. Closed after each test, which releases every call still waiting.
 */
final class TripFixture implements AutoCloseable {

    /**
     * The client's time limit per call. This exercise is not about timeouts: the limit is far
     * away, so that only your own code (an interrupt) ends a call that hangs.
     */
    static final Duration CALL_TIMEOUT = Budgets.GUARD;

    /**
     * How long code whose calls meet may take: the meeting waits {@link Budgets#RENDEZVOUS_WAIT}
     * for code that never gets there, and code that gets there is done long before this.
     */
    static final Duration MEETING_BUDGET = Budgets.RENDEZVOUS_WAIT.plus(Budgets.SLACK);

    /**
     * How long code may take to notice a failure and stop the calls that still wait: far less than
     * {@link #CALL_TIMEOUT}, after which the hung calls would end by themselves.
     */
    static final Duration PROMPTLY = Budgets.times(3, Budgets.SLACK);

    private final TripBackends backends;
    private final BlockingTripClient real;
    private final ObservedClient client;

    private TripFixture(ProfileDatabase profiles) {
        profiles.latency(Duration.ZERO).probe().reset();
        backends = new TripBackends(PartnerApiServer.start(), profiles);
        backends.partners().onAll(Behaviour.answersAfter(Duration.ZERO));
        real = new BlockingTripClient(backends.settings(CALL_TIMEOUT));
        client = new ObservedClient(real);
    }

    /**
     * Starts the partner APIs for one test, with the profile database of its test class (a database
     * takes a while to fill, so a test class opens one for all its tests and closes it after them).
     */
    static TripFixture start(ProfileDatabase profiles) {
        return new TripFixture(profiles);
    }

    /** The client to hand to your code. */
    ObservedClient client() {
        return client;
    }

    PartnerApiServer partners() {
        return backends.partners();
    }

    ProfileDatabase profiles() {
        return backends.profiles();
    }

    /**
     * Runs {@code action}, whose calls meet {@code expected.parties()} at a time (set with
     * {@link ObservedClient#meetingOf}), within {@link #MEETING_BUDGET}; when they never meet, fails with a
     * message that says how many calls were in flight together and what the lesson asks. A call made on the
     * thread that runs {@code action}, with no other call in flight, fails it at once (see {@link ObservedClient}).
     */
    <T> T together(ObservedClient.Overlap expected, Callable<T> action) throws Exception {
        return together(client, expected, client::mostTogether, action);
    }

    /** {@link #together}, for calls that meet at a {@link Rendezvous} of the partner APIs. */
    <T> T together(ObservedClient.Overlap expected, Rendezvous rendezvous, Callable<T> action) throws Exception {
        return together(client, expected, rendezvous::mostTogether, action);
    }

    /**
     * {@link #together}, for calls made through {@code client} that meet {@code expected.parties()} at a time
     * wherever {@code mostTogether} counts them. The verdict is the count: what the code threw once its calls
     * could not meet (a meeting that gave up, an HTTP 503 from a rendezvous, and whatever followed) is the
     * test's doing, and is left out.
     */
    static <T> T together(ObservedClient client, ObservedClient.Overlap expected, IntSupplier mostTogether,
                          Callable<T> action) throws Exception {
        String what = expected.what();
        try {
            return within(MEETING_BUDGET, what, () -> client.calledFrom(expected, action));
        } catch (Exception | AssertionError notTogether) {
            if (client.verdict().isPresent()) {
                throw client.verdict().get();
            }
            int seen = mostTogether.getAsInt();
            if (seen >= expected.parties()) {
                throw notTogether;
            }
            if (seen == 0) {
                throw new CallCountError("expected " + expected.parties() + " calls in flight at once for " + what
                        + ", but it ended before any call got there. " + capitalized(expected.idea()), notTogether);
            }
            throw new CallCountError("expected " + expected.parties() + " calls in flight at once for " + what
                    + ", but at most " + seen + (seen <= 1 ? " ever was: the calls ran one after another. " : " were. ")
                    + capitalized(expected.idea()));
        }
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /**
     * Runs {@code action}, which is expected to fail, and returns what it threw; fails with
     * {@code fix} when it is still running after {@link #PROMPTLY}, and at once when a call ran on the
     * thread that runs {@code action} with no other call in flight (see {@link ObservedClient}).
     */
    Throwable failurePromptly(ObservedClient.Overlap expected, String fix, Callable<?> action) {
        Throwable failure;
        try {
            failure = failureWithin(PROMPTLY, expected.what(), () -> client.calledFrom(expected, action));
        } catch (AssertionError stillRunning) {
            if (client.verdict().isPresent()) {
                throw client.verdict().get();
            }
            if (stillRunning.getMessage() == null
                    || !stillRunning.getMessage().startsWith("expected " + expected.what() + " to finish within")) {
                throw stillRunning;
            }
            int inFlight = client.probe().inFlight();
            throw reworded(stillRunning, "expected " + expected.what() + " to fail within " + Budgets.describe(PROMPTLY)
                    + ", but it was still running then, with " + inFlight + (inFlight == 1 ? " call" : " calls")
                    + " still in flight. " + fix);
        }
        if (client.verdict().isPresent()) {
            throw client.verdict().get();
        }
        return failure;
    }

    /**
     * Waits, at most {@code atMost}, until {@code condition} holds; otherwise fails with "expected
     * {@code expectation}" and {@code fix}.
     */
    static void eventually(String expectation, Duration atMost, String fix, Callable<Boolean> condition) {
        awaitThat(expectation, atMost, condition, () -> "expected " + expectation + " within " + Budgets.describe(atMost)
                + ", but it did not happen. " + fix);
    }

    /** Releases every call still waiting: at the meeting, at the partner APIs, in the database. */
    @Override
    public void close() {
        try {
            client.close();
            backends.profiles().latency(Duration.ZERO);
        } finally {
            try {
                real.close();
            } finally {
                backends.partners().close();
            }
        }
    }
}
