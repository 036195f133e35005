package workshop.trip.threads;

import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.PartnerReply;
import workshop.trip.Profile;

/**
 * The four blocking calls a trip dashboard is made of: one query to the profile database and one
 * request to each partner API. Each call keeps the calling thread waiting until the backend
 * answers, fails, or runs out of time.
 *
 * <p>Use it from as many threads at once as you like: implementations are thread-safe, and the
 * calls of different threads overlap. What you do with that (one thread per call, a pool, virtual
 * threads, a limit on calls in flight) is the subject of exercise 02. {@link BlockingTripClient}
 * is the real one; tests may hand you another that counts what you do.
 *
 * <pre>{@code
 * try (BlockingTripClient client = new BlockingTripClient(settings)) {
 *     Profile profile = client.profile(7);                      // waits for the database
 *     PartnerReply flights = client.partner(Backend.FLIGHTS, 7); // waits for the flights API
 * }
 * }</pre>
 *
 * <p>Memory effects: everything a thread did before it starts a call happens-before the backend
 * sees the call; the returned value is safe to hand to another thread the usual ways (a
 * {@code Thread.join()}, a {@code Future.get()}, a concurrent collection).
 *
 * <p>On interrupt: a thread that is interrupted while it waits in a call (or that calls with its
 * interrupt status already set) gets an {@link InterruptedException} promptly, its interrupt
 * status cleared, and the call is abandoned: the HTTP request is cancelled, the query stopped.
 * This is how a caller cancels calls it no longer needs.
 */
public interface TripClient {

    /**
     * Loads one traveller's profile from the profile database.
     *
     * @throws BackendException     naming {@link Backend#PROFILE} when the query fails, finds no
     *                              profile, or runs out of time
     * @throws InterruptedException when the calling thread is interrupted while it waits
     */
    Profile profile(int userId) throws InterruptedException;

    /**
     * Asks one partner API (flights, hotels or weather) for one traveller's items.
     *
     * @param backend {@link Backend#FLIGHTS}, {@link Backend#HOTELS} or {@link Backend#WEATHER}
     * @throws BackendException     naming {@code backend} when the API answers with an error
     *                              status or a malformed reply, cannot be reached, or runs out of time
     * @throws InterruptedException when the calling thread is interrupted while it waits
     */
    PartnerReply partner(Backend backend, int userId) throws InterruptedException;
}
