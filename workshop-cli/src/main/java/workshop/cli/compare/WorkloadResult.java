package workshop.cli.compare;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One workload, measured with every model.
 *
 * @param name         {@code io}, {@code cpu} or {@code server}
 * @param title        what the work is
 * @param unit         what one bar is ({@code call}, {@code chunk}, {@code request})
 * @param barsPerRun   bars in every timeline
 * @param ideal        the ideal wall time, when it could be worked out
 * @param idealMeaning what the ideal is, in words
 * @param outcomes     one per model, in the order of {@link Model}
 */
record WorkloadResult(String name, String title, String unit, int barsPerRun, Optional<Duration> ideal, String idealMeaning,
                      List<ModelOutcome> outcomes) {

    WorkloadResult {
        outcomes = List.copyOf(outcomes);
    }

    /** How the table and the page head the workload: {@code IO-bound}, {@code CPU-bound}, {@code Server}. */
    String heading() {
        return isServer() ? "Server" : name.toUpperCase(Locale.ROOT) + "-bound";
    }

    /** Whether the models served clients: the table shows what the clients got. */
    boolean isServer() {
        return name.equals(ServerWorkload.NAME);
    }

    /** The outcome of one model's runs with a summary, if it ran. */
    Optional<Summary> summary(Model model) {
        return outcomes.stream().filter(outcome -> outcome.model() == model).findFirst().flatMap(ModelOutcome::summary);
    }
}
