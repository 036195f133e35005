package workshop.cli.compare;

import java.util.Objects;

/**
 * A model as a workload offers it: ready to run, with where its code comes from, or left out
 * with the reason.
 *
 * @param model  the model
 * @param source whose code runs ({@code yours}, {@code reference}, {@code the lab's}); empty when left out
 * @param trial  how to run it once, or {@code null} when it is left out
 * @param note   why it is left out, or a remark on how it runs
 */
record Contender(Model model, String source, Trial trial, String note) {

    /** How the table names the lab's own code: where no exercise asks for a model, or one stands in for an exercise's. */
    static final String LAB = "the lab's";

    Contender {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
    }

    static Contender runs(Model model, String source, String note, Trial trial) {
        return new Contender(model, source, Objects.requireNonNull(trial, "trial"), note);
    }

    /**
     * The lab's own code in place of an exercise's that may not run yet, saying so and why.
     *
     * @param owner  whose code it stands in for ({@code yours}, {@code reference})
     * @param whyNot why that code may not run
     */
    static Contender standIn(Model model, String how, String owner, String whyNot, Trial trial) {
        String whose = owner.equals("yours") ? "your code" : "the " + owner + " code";
        return runs(model, LAB, how + "; stands in for " + whose + " until it may run: " + whyNot, trial);
    }

    static Contender skipped(Model model, String why) {
        return new Contender(model, "", null, why);
    }

    boolean runnable() {
        return trial != null;
    }
}
