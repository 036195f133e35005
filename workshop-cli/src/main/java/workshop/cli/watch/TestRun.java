package workshop.cli.watch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import workshop.kit.check.ForkedCheckRun;

/**
 * One run of an exercise's test classes in a fresh JVM (the kit's {@link ForkedCheckRun}: JUnit
 * Platform, the kit's {@code junit-platform.properties} and listeners, a hard time limit, capped
 * output, the process tree killed at the end), which an interrupt also ends, process tree included.
 *
 * @param classpath   test classes, classes, then the libraries
 * @param testClasses the folder of compiled test classes; its test classes are found by the names
 *                    {@code ./mvnw test} runs ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase})
 * @param properties  system properties of the test JVM
 * @param limit       the hard limit of the whole run
 * @param workDir     the test JVM's working folder, where its report is written
 */
public record TestRun(List<Path> classpath, Path testClasses, Map<String, String> properties, Duration limit, Path workDir) {

    private static final Pattern TEST_CLASS = Pattern.compile("(Test[^$]*|[^$]*Test|[^$]*Tests|[^$]*TestCase)\\.class");

    public TestRun {
        classpath = List.copyOf(classpath);
        properties = Map.copyOf(properties);
    }

    /**
     * Runs the tests and waits for their outcome.
     *
     * @throws InterruptedException when interrupted; the test JVM and everything it started are gone by then
     */
    public ForkedCheckRun.Result run() throws InterruptedException {
        Set<Long> childrenBefore = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        try {
            ForkedCheckRun.Result result = new ForkedCheckRun(classpath, testClassNames(testClasses), limit, properties, workDir).run();
            if (Thread.interrupted()) {
                throw new InterruptedException("the test run was cancelled");
            }
            return result;
        } catch (IllegalStateException e) {
            // The kit's run gives up waiting when interrupted, but leaves its JVM running: end it here.
            if (!Thread.interrupted() && !(e.getCause() instanceof InterruptedException)) {
                throw e;
            }
            killNewChildren(childrenBefore);
            throw new InterruptedException("the test run was cancelled");
        } catch (InterruptedException e) {
            killNewChildren(childrenBefore);
            throw e;
        }
    }

    /** The test classes {@code ./mvnw test} would run, by Surefire's default names. */
    public static List<String> testClassNames(Path testClasses) {
        if (!Files.isDirectory(testClasses)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(testClasses)) {
            return walk.filter(file -> TEST_CLASS.matcher(file.getFileName().toString()).matches())
                    .map(file -> testClasses.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", ""))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills every child this JVM started since {@code before}, with all of its descendants, and waits until they are gone. */
    private static void killNewChildren(Set<Long> before) {
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.current().children().filter(child -> !before.contains(child.pid())).forEach(child -> {
            tree.addAll(child.descendants().toList());
            tree.add(child);
        });
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // killed forcibly; the operating system finishes it
            }
        }
    }
}
