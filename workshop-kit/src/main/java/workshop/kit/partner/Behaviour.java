package workshop.kit.partner;

import java.time.Duration;
import java.util.Objects;
import workshop.kit.Budgets;

/**
 * How one partner API endpoint answers. Immutable: every {@code with...} method returns a new
 * behaviour.
 *
 * <pre>{@code
 * server.on(Backend.WEATHER, Behaviour.answersAfter(Budgets.LATENCY).withStatus(500));
 * server.on(Backend.HOTELS, Behaviour.hangs());
 * server.on(Backend.FLIGHTS, Behaviour.answersAfter(Budgets.LATENCY).meetingAt(Rendezvous.of(3)));
 * }</pre>
 *
 * @param latency    how long the endpoint waits before it answers (after any rendezvous)
 * @param status     the HTTP status it answers with
 * @param body       what the body holds
 * @param bodyDelay  how long it pauses in the middle of the body, after sending the headers
 * @param rendezvous a meeting point to pass first, or {@code null}
 */
public record Behaviour(Duration latency, int status, Body body, Duration bodyDelay, Rendezvous rendezvous) {

    /** What the endpoint sends as its body. */
    public enum Body {
        /** The user's items, in the partner reply format. */
        ITEMS,
        /** Something that is not a partner reply at all (an HTML error page). */
        MALFORMED,
        /** Nothing, ever: the request hangs until the client gives up or the server stops. */
        HANG
    }

    public Behaviour {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(bodyDelay, "bodyDelay");
    }

    /** Answers with the user's items after {@code latency}. */
    public static Behaviour answersAfter(Duration latency) {
        return new Behaviour(latency, 200, Body.ITEMS, Duration.ZERO, null);
    }

    /** Never answers: neither headers nor body, until the client gives up or the server stops. */
    public static Behaviour hangs() {
        return new Behaviour(Duration.ZERO, 200, Body.HANG, Duration.ZERO, null);
    }

    /** The same, answering with {@code status} (the body then says what went wrong). */
    public Behaviour withStatus(int status) {
        return new Behaviour(latency, status, body, bodyDelay, rendezvous);
    }

    /** The same, with a body that is not a partner reply. */
    public Behaviour malformed() {
        return new Behaviour(latency, status, Body.MALFORMED, bodyDelay, rendezvous);
    }

    /** The same, sending the headers on time and then pausing {@code delay} in the middle of the body. */
    public Behaviour withSlowBody(Duration delay) {
        return new Behaviour(latency, status, body, delay, rendezvous);
    }

    /** The same, answering only once the rendezvous is complete. */
    public Behaviour meetingAt(Rendezvous rendezvous) {
        return new Behaviour(latency, status, body, bodyDelay, Objects.requireNonNull(rendezvous));
    }

    /** The default: answers correctly after {@link Budgets#LATENCY}. */
    public static Behaviour normal() {
        return answersAfter(Budgets.LATENCY);
    }
}
