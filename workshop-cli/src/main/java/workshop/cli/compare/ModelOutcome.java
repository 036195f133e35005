package workshop.cli.compare;

import java.util.Optional;

/**
 * How one model did on one workload: its medians, or why it was left out.
 *
 * @param model   the model
 * @param source  whose code ran ({@code yours}, {@code reference}, {@code the lab's}); empty when left out
 * @param summary the medians, when it ran
 * @param note    why it was left out, or a remark on how it ran
 */
record ModelOutcome(Model model, String source, Optional<Summary> summary, String note) {
}
