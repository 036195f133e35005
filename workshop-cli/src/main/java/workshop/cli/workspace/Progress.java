package workshop.cli.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.Lesson;
import workshop.kit.check.ProgressTable;
import workshop.kit.check.SourceDigest;

/** What the last test run of one exercise says: checks passing, the next failing check, and its step. */
public record Progress(Exercise exercise, Lesson lesson, Optional<List<CheckOutcome>> checks, boolean stale) {

    public static Progress of(Exercise exercise) {
        Lesson lesson = exercise.lesson();
        Path report = exercise.report();
        if (!Files.isRegularFile(report)) {
            return new Progress(exercise, lesson, Optional.empty(), false);
        }
        try {
            List<CheckOutcome> checks = CheckOutcome.read(report);
            return new Progress(exercise, lesson, Optional.of(checks), SourceDigest.changedSince(exercise.dir()));
        } catch (IOException | RuntimeException e) {
            return new Progress(exercise, lesson, Optional.empty(), false);
        }
    }

    public boolean ran() {
        return checks.isPresent();
    }

    public long passing() {
        return checks.map(list -> list.stream().filter(CheckOutcome::passed).count()).orElse(0L);
    }

    public int total() {
        return checks.map(List::size).orElse(0);
    }

    public boolean done() {
        return ran() && total() > 0 && passing() == total();
    }

    /** The failing check of the earliest step (checks without a step come last). */
    public Optional<CheckOutcome> nextFailing() {
        return checks.flatMap(list -> list.stream().filter(check -> !check.passed())
                .min(Comparator.comparingInt((CheckOutcome check) -> check.step() == 0 ? Integer.MAX_VALUE : check.step())));
    }

    /** The lesson step to work on: the next failing check's, or the lesson's first when nothing ran yet. */
    public Optional<Lesson.LessonStep> nextStep() {
        if (!ran()) {
            return lesson.steps().stream().findFirst();
        }
        return nextFailing().flatMap(check -> lesson.step(check.step()));
    }

    public String runCommand() {
        return ProgressTable.runCommand(exercise.name());
    }

    /** This exercise's row in the progress table. */
    public ProgressTable.Row row() {
        return new ProgressTable.Row(lesson, checks, false, stale ? "(changed since this run)" : "");
    }
}
