package workshop.kit.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One exercise as the instructor tools see it after {@code ./mvnw verify -Psolutions}: where its
 * stub, reference, tests and mutants are, and the class path its checks run with.
 *
 * @param name the exercise's folder name, for example {@code exercise-01-sync}
 * @param root the repository root
 */
public record GradedExercise(String name, Path root) {

    /** Every exercise that has a solution module, in order. */
    public static List<GradedExercise> all(Path root) {
        try (Stream<Path> folders = Files.list(root.resolve("solutions"))) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("exercise-"))
                    .filter(folder -> Files.isDirectory(folder.resolve("src/test/java")))
                    .map(folder -> new GradedExercise(folder.getFileName().toString(), root))
                    .sorted(java.util.Comparator.comparing(GradedExercise::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The learner's module, holding the stub. */
    public Path exerciseFolder() {
        return root.resolve(name);
    }

    /** The instructor's module, holding the reference, the hidden tests and the mutants. */
    public Path solutionFolder() {
        return root.resolve("solutions").resolve(name);
    }

    /** The stub's compiled classes. */
    public Path stubClasses() {
        return exerciseFolder().resolve("target/classes");
    }

    public Path referenceSources() {
        return solutionFolder().resolve("src/main/java");
    }

    /** Visible and hidden tests, compiled together by the solution module. */
    public Path testClasses() {
        return solutionFolder().resolve("target/test-classes");
    }

    public List<Mutant> mutants() {
        return Mutant.in(solutionFolder());
    }

    /** The checks' class path after the code under test: test classes, then every test dependency. */
    public List<Path> checkClasspath() {
        Path file = solutionFolder().resolve("target/test-classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the solutions first with ./mvnw verify -Psolutions");
        }
        try {
            List<Path> classpath = new ArrayList<>();
            classpath.add(testClasses());
            for (String entry : Files.readString(file).strip().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    classpath.add(Path.of(entry));
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level test classes (visible and hidden), by name. */
    public List<String> testClassNames() {
        try (Stream<Path> walk = Files.walk(testClasses())) {
            return walk.map(path -> testClasses().relativize(path).toString())
                    .filter(path -> path.endsWith("Test.class") && !path.contains("$"))
                    .map(path -> path.replace(java.io.File.separatorChar, '.').replaceFirst("\\.class$", ""))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code selectors} against the classes in {@code codeUnderTest}, in a JVM of its own. */
    public ForkedCheckRun.Result run(Path codeUnderTest, List<String> selectors, java.time.Duration limit, Path workDir) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(codeUnderTest);
        classpath.addAll(checkClasspath());
        return new ForkedCheckRun(classpath, selectors, limit,
                java.util.Map.of("workshop.time.factor", String.valueOf(workshop.kit.Budgets.FACTOR)), workDir).run();
    }
}
