package workshop.cli.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The workshop's folder: found from {@code -Dworkshop.root} or by walking up from the current folder. */
public record Workspace(Path root) {

    public static Workspace locate() {
        String configured = System.getProperty("workshop.root", System.getenv().getOrDefault("WORKSHOP_ROOT", ""));
        if (!configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!isWorkshop(root)) {
                throw new WorkshopException(ExitCode.ENVIRONMENT, root + " is not a workshop folder (no pom.xml with exercise-* folders).");
            }
            return new Workspace(root);
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (isWorkshop(at)) {
                return new Workspace(at);
            }
        }
        throw new WorkshopException(ExitCode.ENVIRONMENT,
                "run this inside the workshop folder (the one with mvnw and the exercise-* folders).");
    }

    public static boolean isWorkshop(Path dir) {
        if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(child -> child.getFileName().toString().matches("exercise-\\d\\d-.+"));
        } catch (IOException e) {
            return false;
        }
    }

    public List<Exercise> exercises() {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(child -> child.getFileName().toString().matches("exercise-\\d\\d-.+"))
                    .sorted()
                    .map(Exercise::new)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Exercise exercise(String wanted) {
        List<Exercise> all = exercises();
        return all.stream().filter(exercise -> exercise.matches(wanted)).findFirst()
                .orElseThrow(() -> new WorkshopException(ExitCode.USAGE, "no exercise called \"" + wanted + "\"; the exercises are "
                        + String.join(", ", all.stream().map(Exercise::name).toList()) + "."));
    }

    /** Where the comparison lab keeps the tables it printed for the learner's own code (for {@code status --report}). */
    public Path labTables() {
        return root.resolve("target/compare/tables.txt");
    }

    public Path solutions() {
        return root.resolve("solutions");
    }

    /** The solution module of an exercise, in the instructor edition. */
    public Optional<Path> solution(Exercise exercise) {
        Path dir = solutions().resolve(exercise.name());
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    public boolean isInstructorEdition() {
        return Files.isDirectory(solutions());
    }

    /** Fails in one sentence when this is the learner edition: {@code what} needs the solutions. */
    public void requireInstructorEdition(String what) {
        if (!isInstructorEdition()) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, what + " needs the instructor edition (the solutions/ folder is missing here).");
        }
    }

    /** The first exercise, in order, whose checks do not all pass yet; empty when every one passes. */
    public Optional<Progress> nextUnfinished() {
        return exercises().stream().map(Progress::of).filter(progress -> !progress.done()).findFirst();
    }

    public String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
