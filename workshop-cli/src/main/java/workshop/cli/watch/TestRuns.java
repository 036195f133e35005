package workshop.cli.watch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.Compilation;
import workshop.kit.check.ForkedCheckRun;

/**
 * Runs an exercise's test classes, each time in a fresh JVM, as {@code ./mvnw test} would: the JUnit
 * Platform with the kit's {@code junit-platform.properties} and listeners, so the progress table and
 * the outcomes are the usual ones.
 *
 * <p>The JVM for the next run is started (and warmed up with a trivial test of its own) as soon as
 * the previous run ends, while the learner edits; when the save comes, only the exercise's classes
 * are left to load. That keeps JVM start-up out of the time between a save and its verdict.
 *
 * <p>{@link #run()} is called by one thread at a time; {@link #close()} may come from another.
 */
public final class TestRuns implements AutoCloseable {

    private static final Pattern TEST_CLASS = Pattern.compile("(Test[^$]*|[^$]*Test|[^$]*Tests|[^$]*TestCase)\\.class");
    private static final String WARM_UP_CLASS = "workshop.watch.warmup.WarmUpTest";
    private static final String WARM_UP_SOURCE = """
            package workshop.watch.warmup;

            class WarmUpTest {
                @org.junit.jupiter.api.Test
                void warms_up() {
                    org.assertj.core.api.Assertions.assertThat(java.util.List.of("warm")).as("warm-up").containsExactly("warm");
                }
            }
            """;

    private final List<Path> classpath;
    private final Path testClasses;
    private final Map<String, String> properties;
    private final Duration limit;
    private final Path workDir;
    private final Path launcher;
    private String warmUpClass;
    private TestJvm standby;
    private boolean closed;

    /**
     * @param classpath   test classes, classes, then the libraries
     * @param testClasses the folder of compiled test classes; its tests are found by the names
     *                    {@code ./mvnw test} runs ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase})
     * @param properties  system properties of the test JVM
     * @param limit       the hard limit of one run, after which the JVM is killed with all it started
     * @param workDir     the test JVM's working folder, where its report is written
     */
    public TestRuns(List<Path> classpath, Path testClasses, Map<String, String> properties, Duration limit, Path workDir) {
        this.classpath = List.copyOf(classpath);
        this.testClasses = testClasses;
        this.properties = Map.copyOf(properties);
        this.limit = limit;
        this.workDir = workDir.toAbsolutePath();
        this.launcher = this.workDir.resolveSibling("watch-launcher");
        this.warmUpClass = prepareLauncher() ? WARM_UP_CLASS : "";
    }

    public Duration limit() {
        return limit;
    }

    /** The report of the last run (one line per check, as the kit writes it). */
    public Path report() {
        return workDir.resolve("checks.tsv");
    }

    /** Starts the JVM of the next run, unless one is waiting already. */
    public synchronized void prepare() {
        if (standby == null && !closed) {
            if (!Files.isRegularFile(runnerClass())) {
                warmUpClass = prepareLauncher() ? WARM_UP_CLASS : ""; // cleaned since (./mvnw clean)
            }
            standby = TestJvm.start(classpath, launcher, warmUpClass, properties, workDir);
        }
    }

    private Path runnerClass() {
        return launcher.resolve(StandbyRunner.class.getName().replace('.', File.separatorChar) + ".class");
    }

    /**
     * Runs the tests in the waiting JVM (or a new one) and starts the next run's JVM afterwards. With
     * a step (above 0) its checks run first and {@code onStep} gets their outcomes as soon as they end.
     *
     * @throws InterruptedException when interrupted; the run's JVM and all it started are gone by then
     */
    public ForkedCheckRun.Result run(int step, Consumer<StepVerdict> onStep) throws InterruptedException {
        TestJvm jvm;
        synchronized (this) {
            if (standby != null && !Files.isDirectory(workDir)) {
                standby.kill(); // its working folder was cleaned away (./mvnw clean): it could not write its report
                standby = null;
            }
            prepare();
            jvm = standby;
            standby = null;
        }
        if (jvm == null) {
            throw new InterruptedException("the test runs are closed");
        }
        try {
            return jvm.run(testClassNames(testClasses), step, onStep, limit);
        } finally {
            prepare();
        }
    }

    /**
     * The outcomes of the checks of the step that ran first, and how long they took to run.
     *
     * @param outcomes   the step's checks, in the order they ran
     * @param checksTook from the start of the step's checks to the end of the last, in the test JVM
     */
    public record StepVerdict(List<CheckOutcome> outcomes, Duration checksTook) {
    }

    /** Kills the waiting JVM; no run starts after this. */
    @Override
    public synchronized void close() {
        closed = true;
        if (standby != null) {
            standby.kill();
            standby = null;
        }
    }

    /** The test classes {@code ./mvnw test} would run, by Surefire's default names. */
    static List<String> testClassNames(Path testClasses) {
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

    /**
     * Puts {@link StandbyRunner} and a warm-up test in a folder of their own for the test JVM's class path.
     *
     * @return whether the warm-up test compiled (it needs JUnit Jupiter and AssertJ on the class path)
     */
    private boolean prepareLauncher() {
        try {
            Path runnerClass = runnerClass();
            Files.createDirectories(runnerClass.getParent());
            try (InputStream in = StandbyRunner.class.getResourceAsStream(StandbyRunner.class.getSimpleName() + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("the class file of " + StandbyRunner.class.getName() + " is missing");
                }
                Files.copy(in, runnerClass, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Path source = launcher.resolveSibling("watch-launcher-sources").resolve(WARM_UP_CLASS.replace('.', File.separatorChar) + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, WARM_UP_SOURCE);
            Path sourceRoot = launcher.resolveSibling("watch-launcher-sources");
            return Compilation.compile(List.of(sourceRoot), classpath, launcher).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test launcher in " + launcher, e);
        }
    }
}
