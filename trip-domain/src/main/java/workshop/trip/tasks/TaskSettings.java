package workshop.trip.tasks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import workshop.trip.DashboardSettings;

/**
 * Where an asynchronous dashboard finds its backends, and on which threads it may run what.
 *
 * <p>The caller owns both executors (it creates them, and it shuts them down); the dashboard only
 * hands work to them.
 *
 * @param backends      the partner APIs, the profile database and the time limit of one call
 * @param loop          the event loop: one thread on which the dashboard's callbacks run. Work
 *                      handed to it must never block, because while one task waits there, every
 *                      other task waits behind it
 * @param blockingWork  where calls that block a thread belong, such as JDBC queries, which have
 *                      no asynchronous API
 * @param weatherBudget how long the page waits for the optional weather before it shows
 *                      {@link WeatherFallback#TEXT} instead
 */
public record TaskSettings(DashboardSettings backends, Executor loop, Executor blockingWork, Duration weatherBudget) {

    public TaskSettings {
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(blockingWork, "blockingWork");
        Objects.requireNonNull(weatherBudget, "weatherBudget");
        if (weatherBudget.isNegative() || weatherBudget.isZero()) {
            throw new IllegalArgumentException("the weather budget must be positive, got " + weatherBudget);
        }
    }
}
