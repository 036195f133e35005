package workshop.instructor;

import java.nio.file.Path;
import java.time.Duration;
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

    static List<GradedExercise> exercises() {
        return GradedExercise.all(ROOT);
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
