package workshop.instructor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import workshop.kit.Budgets;
import workshop.kit.check.GradedExercise;

/** Where the workshop is, and what the instructor check looks at. */
final class InstructorTree {

    /** The repository root, given by the build. */
    static final Path ROOT = Path.of(System.getProperty("workshop.root", "../..")).toAbsolutePath().normalize();

    /** The longest one forked check run may take before it is killed. */
    static final Duration RUN_LIMIT = Budgets.scaled(180_000);

    private InstructorTree() {
    }

    /**
     * Every exercise, or those whose names contain one of the comma-separated words of
     * {@code -Dworkshop.exercises} (for example {@code -Dworkshop.exercises=02,04} while working on two).
     */
    static List<GradedExercise> exercises() {
        List<String> wanted = Arrays.stream(System.getProperty("workshop.exercises", "").split(","))
                .map(String::strip).filter(word -> !word.isEmpty()).toList();
        return GradedExercise.all(ROOT).stream()
                .filter(exercise -> wanted.isEmpty() || wanted.stream().anyMatch(exercise.name()::contains))
                .toList();
    }

    /** A scratch folder under this module's target folder. */
    static Path scratch(String... names) {
        Path folder = ROOT.resolve("solutions/instructor-check/target/scratch");
        for (String name : names) {
            folder = folder.resolve(name);
        }
        return folder;
    }
}
