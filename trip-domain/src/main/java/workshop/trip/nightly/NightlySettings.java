package workshop.trip.nightly;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the nightly job runs its workers. Immutable: every {@code with...} method returns a new
 * settings object.
 *
 * <pre>{@code
 * NightlySettings settings = NightlySettings.defaults().withWorkers(4).withWorkerTimeout(Duration.ofMinutes(2));
 * }</pre>
 *
 * <p>A worker is started as {@code <this JVM's java> <workerOptions...> -cp <this JVM's class path> <workerMainClass>}.
 *
 * @param workerMainClass the fully qualified name of the worker's main class, which follows the
 *                        contract of {@link ForecastWorker}
 * @param workerOptions   options for the worker's JVM, given before {@code -cp}: JVM flags and
 *                        {@code -Dkey=value} system properties
 * @param workers         the most worker processes alive at once, at least 1
 * @param workerTimeout   the longest one worker may run before it is killed
 */
public record NightlySettings(String workerMainClass, List<String> workerOptions, int workers, Duration workerTimeout) {

    /** The worker JVM's default options: one GC thread is plenty for a worker that allocates almost nothing. */
    public static final List<String> DEFAULT_WORKER_OPTIONS = List.of("-XX:+UseSerialGC");

    /** The default timeout of one worker: far above what a chunk of the nightly plan needs. */
    public static final Duration DEFAULT_WORKER_TIMEOUT = Duration.ofMinutes(1);

    public NightlySettings {
        Objects.requireNonNull(workerMainClass, "workerMainClass");
        workerOptions = List.copyOf(workerOptions);
        Objects.requireNonNull(workerTimeout, "workerTimeout");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (workerTimeout.isNegative() || workerTimeout.isZero()) {
            throw new IllegalArgumentException("workerTimeout must be positive, got " + workerTimeout);
        }
    }

    /** The {@link ForecastWorker}, one worker per core, {@link #DEFAULT_WORKER_OPTIONS}, {@link #DEFAULT_WORKER_TIMEOUT}. */
    public static NightlySettings defaults() {
        return new NightlySettings(ForecastWorker.class.getName(), DEFAULT_WORKER_OPTIONS,
                Runtime.getRuntime().availableProcessors(), DEFAULT_WORKER_TIMEOUT);
    }

    /** These settings with another worker main class. */
    public NightlySettings withWorkerMainClass(String mainClass) {
        return new NightlySettings(mainClass, workerOptions, workers, workerTimeout);
    }

    /** These settings with {@code mainClass} as the worker. */
    public NightlySettings withWorkerMainClass(Class<?> mainClass) {
        return withWorkerMainClass(mainClass.getName());
    }

    /** These settings with {@code options} added after the current worker options. */
    public NightlySettings addingWorkerOptions(List<String> options) {
        List<String> all = new ArrayList<>(workerOptions);
        all.addAll(options);
        return new NightlySettings(workerMainClass, all, workers, workerTimeout);
    }

    /** These settings with at most {@code workers} workers at once. */
    public NightlySettings withWorkers(int workers) {
        return new NightlySettings(workerMainClass, workerOptions, workers, workerTimeout);
    }

    /** These settings with {@code timeout} per worker. */
    public NightlySettings withWorkerTimeout(Duration timeout) {
        return new NightlySettings(workerMainClass, workerOptions, workers, timeout);
    }
}
