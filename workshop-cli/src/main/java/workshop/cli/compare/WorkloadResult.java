package workshop.cli.compare;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One workload, measured with every model.
 *
 * @param name         {@code io} or {@code cpu}
 * @param title        what the work is
 * @param unit         what one bar is ({@code call}, {@code chunk})
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

    /** The outcome of one model's runs with a summary, if it ran. */
    Optional<Summary> summary(Model model) {
        return outcomes.stream().filter(outcome -> outcome.model() == model).findFirst().flatMap(ModelOutcome::summary);
    }
}
