package workshop.kit.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures a check measured on the learner's machine for a lesson step (the honest comparison of
 * exercise 04), kept in the exercise's {@code target/workshop/figures/} so that {@code ./workshop watch}
 * and {@code ./workshop status} show them, not only the build's output.
 *
 * <pre>{@code
 * StepFigures.keep(7, table);   // in a check
 * StepFigures.read(exercise);   // in the command
 * }</pre>
 */
public final class StepFigures {

    /** Where the figures are kept, relative to the exercise. */
    public static final String FOLDER = "target/workshop/figures";
    private static final Pattern FILE = Pattern.compile("step-(\\d+)\\.txt");

    /** One step's figures, as its check printed them, and when. */
    public record Figures(int step, String text, Instant measured) {
    }

    private StepFigures() {
    }

    /**
     * Keeps a step's figures for this exercise, replacing those of an earlier run. The exercise is the
     * folder of the lesson the run names ({@code -Dworkshop.lesson}), else the working folder (Maven's).
     */
    public static void keep(int step, String text) {
        String lesson = System.getProperty("workshop.lesson", "");
        Path exercise = lesson.isBlank() ? Path.of("") : Path.of(lesson).toAbsolutePath().getParent();
        Path file = exercise.resolve(FOLDER).resolve("step-" + step + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".figures", ".tmp");
            Files.writeString(temp, text.strip() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the figures of step " + step + " in " + file, e);
        }
    }

    /** The figures kept for an exercise, by step; empty when none were kept or they cannot be read. */
    public static List<Figures> read(Path exercise) {
        Path folder = exercise.resolve(FOLDER);
        List<Figures> figures = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return figures;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "step-*.txt")) {
            for (Path file : files) {
                Matcher name = FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    figures.add(new Figures(Integer.parseInt(name.group(1)), Files.readString(file, StandardCharsets.UTF_8).strip(),
                            Files.getLastModifiedTime(file).toInstant()));
                }
            }
        } catch (IOException | UncheckedIOException unreadable) {
            return List.of();
        }
        figures.sort(Comparator.comparingInt(Figures::step));
        return figures;
    }
}
