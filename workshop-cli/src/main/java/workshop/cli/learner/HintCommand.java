package workshop.cli.learner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.Progress;
import workshop.cli.workspace.WorkshopCommand;
import workshop.cli.workspace.Workspace;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.Lesson;

/**
 * {@code ./workshop hint [EXERCISE]}: the hints of the step of the next failing check, one more each
 * time it is asked. The hints are the lesson's own ({@code > Hint:} lines under {@code ### Step N}).
 */
@Command(name = "hint", mixinStandardHelpOptions = true,
        description = {"Shows a hint for the next failing check (from your last test run), one more each time you ask.",
                "The hints come from the exercise's README, gentle first; the last nearly gives it away."})
public final class HintCommand extends WorkshopCommand {

    @Parameters(arity = "0..1", paramLabel = "EXERCISE",
            description = "exercise name or number (default: the first one not done)")
    String exercise;

    @Option(names = "--again", description = "show the hints already given without adding one")
    boolean again;

    @Override
    public Integer call() {
        Workspace workspace = Workspace.locate();
        PrintWriter out = out();
        Progress progress = exercise != null ? Progress.of(workspace.exercise(exercise))
                : workspace.nextUnfinished().orElse(null);
        if (progress == null) {
            out.println("Every check of every exercise passes: no hint needed.");
            return ExitCode.OK;
        }
        String name = progress.exercise().name();
        if (progress.done()) {
            out.println(name + ": every check passes. Nothing to hint; on to the next exercise.");
            return ExitCode.OK;
        }
        Optional<Lesson.LessonStep> step = progress.nextStep();
        if (step.isEmpty()) {
            out.println(name + ": " + progress.nextFailing().map(check -> "the failing check " + check.name() + " belongs to no step of the lesson with hints;"
                    + " read its message:\n  " + check.message()).orElse("no lesson steps found in " + workspace.relative(progress.exercise().readme()) + "."));
            return ExitCode.OK;
        }
        Lesson.LessonStep current = step.get();
        if (!progress.ran()) {
            out.println(name + " has not been run yet (" + progress.runCommand() + "); here is where it starts.");
        } else {
            progress.nextFailing().ifPresent(check -> {
                out.println("Failing: " + check.name());
                check.message().lines().limit(8).forEach(line -> out.println("  " + line));
            });
        }
        List<String> hints = current.hints();
        out.println();
        out.println(name + ", step " + current.number() + ": " + current.title());
        if (hints.isEmpty()) {
            out.println("  This step has no hints; read step " + current.number() + " of " + workspace.relative(progress.exercise().readme()) + ".");
            return ExitCode.OK;
        }
        int shown = shownBefore(progress.exercise(), current.number());
        int count = again ? Math.max(1, shown) : Math.min(hints.size(), shown + 1);
        for (int i = 0; i < count; i++) {
            out.println("  Hint " + (i + 1) + "/" + hints.size() + ": " + hints.get(i));
        }
        remember(progress.exercise(), current.number(), count);
        out.println(count < hints.size()
                ? "  (ask again for hint " + (count + 1) + ": ./workshop hint " + name + ")"
                : "  That was the last hint; the full explanation is step " + current.number() + " of " + workspace.relative(progress.exercise().readme()) + ".");
        out.flush();
        return ExitCode.OK;
    }

    /** How many hints of {@code step} were shown already; a new step starts from zero. */
    static int shownBefore(Exercise exercise, int step) {
        Path file = exercise.hintsShown();
        try {
            if (Files.isRegularFile(file)) {
                String[] fields = Files.readString(file).strip().split("\\s+");
                if (fields.length == 2 && Integer.parseInt(fields[0]) == step) {
                    return Integer.parseInt(fields[1]);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // start again from the first hint
        }
        return 0;
    }

    private static void remember(Exercise exercise, int step, int count) {
        try {
            Files.createDirectories(exercise.hintsShown().getParent());
            Files.writeString(exercise.hintsShown(), step + " " + count + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String firstLine(CheckOutcome check) {
        return check.message().lines().findFirst().orElse("");
    }
}
