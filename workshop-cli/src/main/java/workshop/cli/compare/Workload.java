package workshop.cli.compare;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A piece of work every model does alike, with its backends (if any) and what "ideal" means for it. */
interface Workload extends AutoCloseable {

    /** A short name: {@code io} or {@code cpu}. */
    String name();

    /** One line saying what the work is, for example {@code 25 dashboards: 100 calls of 200 ms}. */
    String title();

    /** What one bar of a timeline is: {@code call} or {@code chunk}. */
    String unit();

    /** How many bars every run's timeline has: one per call or chunk. */
    int barsPerRun();

    /**
     * While on, every run does a small share of the work: enough to load the classes, open the
     * connections and start the compiler, in a fraction of a measured run's time. The lab's warm-ups
     * run so; their answers are checked all the same.
     */
    void warmingUp(boolean on);

    /** Every model, ready to run or left out with the reason. */
    List<Contender> contenders();

    /** The ideal wall time, given the measured models (empty when what it needs was not measured). */
    Optional<Duration> ideal(Map<Model, Summary> measured);

    /** What the ideal is, in words. */
    String idealMeaning();

    @Override
    void close();
}
