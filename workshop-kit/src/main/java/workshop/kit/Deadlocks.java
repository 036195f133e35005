package workshop.kit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Lets a hang guard end early when the code under test can be shown never to finish. A fixture that
 * knows what a deadlock of its code looks like (an event loop waiting for work only it could do)
 * registers a detector for the length of a check; while {@link WorkshopAssertions#timedWithin} waits
 * out a hang guard ({@link Budgets#GUARD} or more), it asks the detectors every few milliseconds and
 * fails at once, with the detector's explanation, when one reports a deadlock. A detector must only
 * report what no busy machine causes: the failure is a {@link StillRunningError}, as at the guard.
 *
 * <pre>{@code
 * try (Deadlocks.Watch watch = Deadlocks.watch(loopWatch)) { ... }
 * }</pre>
 */
public final class Deadlocks {

    private static final List<Supplier<Optional<String>>> DETECTORS = new CopyOnWriteArrayList<>();

    private Deadlocks() {
    }

    /** A registered detector; closing it unregisters it. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers {@code detector}, which returns why the code can never finish, or nothing while it may. */
    public static Watch watch(Supplier<Optional<String>> detector) {
        DETECTORS.add(detector);
        return () -> DETECTORS.remove(detector);
    }

    /** What the first detector that sees a deadlock says, if one does. */
    static Optional<String> found() {
        for (Supplier<Optional<String>> detector : DETECTORS) {
            Optional<String> deadlock = detector.get();
            if (deadlock.isPresent()) {
                return deadlock;
            }
        }
        return Optional.empty();
    }
}
