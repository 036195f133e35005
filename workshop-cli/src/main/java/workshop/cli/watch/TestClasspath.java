package workshop.cli.watch;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import workshop.cli.workspace.Commands;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.WorkshopException;
import workshop.cli.workspace.Workspace;

/**
 * The libraries an exercise's tests run with, as Maven resolves them, asked once and kept in
 * {@code target/workshop/test-classpath.txt} until a {@code pom.xml} changes.
 */
final class TestClasspath {

    static final String FILE = "target/workshop/test-classpath.txt";

    private TestClasspath() {
    }

    /** The kept class path, or Maven's answer (asked offline first, then with the modules it depends on built). */
    static List<Path> of(Workspace workspace, Exercise exercise, PrintWriter out) {
        Path file = exercise.dir().resolve(FILE);
        Optional<List<Path>> kept = read(file, workspace, exercise);
        if (kept.isPresent()) {
            return kept.get();
        }
        out.println("Preparing " + exercise.name() + ": Maven resolves the test class path (once; about 20 s) ...");
        out.flush();
        long started = System.nanoTime();
        List<String> ask = List.of("-q", "-B", "dependency:build-classpath", "-Dmdep.includeScope=test", "-Dmdep.outputFile=" + FILE,
                "-pl", exercise.name());
        Commands.Ran ran = maven(workspace, "-o", ask);
        if (!ran.ok() || read(file, workspace, exercise).isEmpty()) {
            // A fresh clone has not installed the modules the exercise depends on: build them in the same run.
            ran = maven(workspace, "compile", ask, "-am");
        }
        Optional<List<Path>> resolved = read(file, workspace, exercise);
        if (!ran.ok() || resolved.isEmpty()) {
            String said = ran.text().lines().filter(line -> line.contains("ERROR")).findFirst()
                    .orElse(ran.text().strip().lines().reduce((first, second) -> second).orElse("no output"));
            throw new WorkshopException(ExitCode.ENVIRONMENT, "Maven could not resolve the test class path of " + exercise.name()
                    + " (" + said.strip() + "); try ./mvnw test -pl " + exercise.name() + ".");
        }
        out.printf("Prepared in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        return resolved.get();
    }

    private static Commands.Ran maven(Workspace workspace, String first, List<String> ask, String... more) {
        List<String> command = new ArrayList<>(Commands.mavenWrapper(workspace.root()));
        command.add(first);
        command.addAll(ask);
        command.addAll(Arrays.asList(more));
        return Commands.run(workspace.root(), command);
    }

    /** The kept class path when it is newer than every pom.xml it depends on and every entry still exists. */
    private static Optional<List<Path>> read(Path file, Workspace workspace, Exercise exercise) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            FileTime written = Files.getLastModifiedTime(file);
            for (Path pom : List.of(exercise.dir().resolve("pom.xml"), workspace.root().resolve("pom.xml"))) {
                if (Files.isRegularFile(pom) && Files.getLastModifiedTime(pom).compareTo(written) > 0) {
                    return Optional.empty();
                }
            }
            List<Path> entries = Arrays.stream(Files.readString(file).strip().split(File.pathSeparator))
                    .filter(entry -> !entry.isBlank()).map(Path::of).toList();
            return entries.stream().allMatch(Files::exists) ? Optional.of(entries) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
