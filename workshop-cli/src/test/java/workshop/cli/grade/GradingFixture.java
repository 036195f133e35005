package workshop.cli.grade;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import workshop.cli.workspace.Commands;
import workshop.kit.check.Compilation;

/**
 * A miniature instructor tree in a temporary folder, built as {@code ./mvnw verify -Psolutions} would
 * leave it: reference classes, test classes (visible and hidden) and {@code target/test-classpath.txt}.
 */
final class GradingFixture {

    static final Path GALLERY = Path.of(System.getProperty("workshop.root", "..")).resolve("solutions/grading-fixtures").toAbsolutePath().normalize();

    private GradingFixture() {
    }

    /** Copies the gallery's tree into {@code into} and builds it; returns its root. */
    static Path build(Path into) throws IOException {
        Path root = into.resolve("workshop");
        Commands.copyTree(GALLERY.resolve("workshop"), root);
        List<Path> classpath = testClasspath(into.resolve("classpath"));
        try (Stream<Path> solutions = Files.list(root.resolve("solutions"))) {
            for (Path solution : solutions.sorted().toList()) {
                Path exercise = root.resolve(solution.getFileName());
                Path classes = solution.resolve("target/classes");
                Optional<String> error = Compilation.compile(List.of(solution.resolve("src/main/java")), classpath, classes);
                if (error.isPresent()) {
                    throw new IllegalStateException("fixture reference does not compile: " + error.get());
                }
                List<Path> testClasspath = new ArrayList<>(List.of(classes));
                testClasspath.addAll(classpath);
                error = Compilation.compile(List.of(solution.resolve("src/test/java"), exercise.resolve("src/test/java")),
                        testClasspath, solution.resolve("target/test-classes"));
                if (error.isPresent()) {
                    throw new IllegalStateException("fixture tests do not compile: " + error.get());
                }
                Files.writeString(solution.resolve("target/test-classpath.txt"),
                        String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
            }
        }
        return root;
    }

    /** This JVM's test class path without the CLI itself; folders are copied, so a hostile fixture can only touch copies. */
    private static List<Path> testClasspath(Path copies) throws IOException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> entries = new ArrayList<>();
        int n = 0;
        for (String entry : path.split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (entry.isBlank() || p.endsWith(Path.of("workshop-cli/target/classes")) || p.endsWith(Path.of("workshop-cli/target/test-classes"))) {
                continue;
            }
            if (Files.isDirectory(p)) {
                Path copy = copies.resolve("dir-" + n++);
                Commands.copyTree(p, copy);
                entries.add(copy);
            } else if (Files.isRegularFile(p)) {
                entries.add(p);
            }
        }
        return entries;
    }
}
