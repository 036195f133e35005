package workshop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junitpioneer.jupiter.RestoreSystemProperties;
import workshop.cli.CommandRun;
import workshop.cli.Workshop;
import workshop.cli.workspace.Commands;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.Workspace;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.OnStub;

/**
 * {@code ./workshop watch} against a tiny exercise in a temporary workshop: one class, two graded
 * checks that run on the kit's real jars. The command runs in this JVM on a thread of its own; the
 * tests save files as an editor would and read what it printed.
 */
@RestoreSystemProperties
@DisplayName("./workshop watch")
class WatchCommandTest {

    /** This build's own workshop, before a test points workshop.root at its scratch copy. */
    private static final Path WORKSHOP = Path.of(System.getProperty("workshop.root", "..")).toAbsolutePath().normalize();

    private static final Duration VERDICT_WAIT = Duration.ofSeconds(40);

    private static final String STUB = """
            package greeting;

            public final class Greeter {
                public String greet(String name) {
                    return "TODO";
                }
            }
            """;
    private static final String SOLVED = STUB.replace("return \"TODO\";", "return \"Hello, \" + name + \"!\";");
    private static final String HALF_SOLVED = STUB.replace("return \"TODO\";", "return \"Hello, \" + name;");
    private static final String BROKEN = STUB.replace("return \"TODO\";", "return \"Hello, \" + name + \"!\"");
    private static final String SLOW = STUB.replace("return \"TODO\";",
            "try { Thread.sleep(30_000); } catch (InterruptedException e) { } return \"late\";");

    private static final String TEST = """
            package greeting;

            import static org.assertj.core.api.Assertions.assertThat;

            import org.junit.jupiter.api.DisplayName;
            import workshop.kit.check.CorrectnessCheck;
            import workshop.kit.check.Step;

            @Step(1)
            @DisplayName("The greeter")
            class GreeterTest {

                @CorrectnessCheck
                void greets_by_name() {
                    assertThat(new Greeter().greet("Ada")).as("expected the name in the greeting; put it after \\"Hello, \\"")
                            .startsWith("Hello, Ada");
                }

                @CorrectnessCheck
                void ends_with_an_exclamation_mark() {
                    assertThat(new Greeter().greet("Ada")).as("expected \\"Hello, Ada!\\"; end the greeting with an exclamation mark")
                            .isEqualTo("Hello, Ada!");
                }
            }
            """;

    @TempDir
    Path root;

    private Path exercise;
    private Path greeter;

    @BeforeEach
    void a_workshop_with_one_small_exercise() throws IOException {
        System.setProperty("workshop.root", root.toString());
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        exercise = exercise("exercise-01-greeting");
        greeter = exercise.resolve("src/main/java/greeting/Greeter.java");
    }

    private Path exercise(String name) throws IOException {
        Path dir = root.resolve(name);
        Files.createDirectories(dir.resolve("src/main/java/greeting"));
        Files.createDirectories(dir.resolve("src/test/java/greeting"));
        Files.writeString(dir.resolve("README.md"), "# Greetings\n\n### Step 1: Greet by name\n> Hint: start with \"Hello, \"\n");
        Files.writeString(dir.resolve("src/main/java/greeting/Greeter.java"), STUB);
        Files.writeString(dir.resolve("src/test/java/greeting/GreeterTest.java"), TEST);
        // The libraries this JVM's tests run with are the exercise's: the kit (a jar, or its classes in a
        // reactor build), JUnit, AssertJ; no Maven needed. This module's own classes are left out.
        Path self = Path.of("target").toAbsolutePath();
        String libraries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(self))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        Files.createDirectories(dir.resolve("target/workshop"));
        Files.writeString(dir.resolve(TestClasspath.FILE), libraries + "\n");
        return dir;
    }

    /** Saves a file as an editor does: a new modification time, even within the file system's clock tick. */
    private static void save(Path file, String content) throws IOException {
        long before = Files.getLastModifiedTime(file).toMillis();
        Files.writeString(file, content);
        if (Files.getLastModifiedTime(file).toMillis() <= before) {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(before + 1));
        }
    }

    /** The command running on a thread of its own; closing it is Ctrl-C. */
    static final class Watch implements AutoCloseable {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exit = new AtomicInteger(-1);
        private final Thread thread;

        Watch(String... args) {
            thread = Thread.ofPlatform().name("watch-under-test").start(
                    () -> exit.set(Workshop.execute(args, new PrintWriter(out, true), new PrintWriter(err, true))));
        }

        String output() {
            return out.toString();
        }

        /** Waits until {@code text} has been printed {@code times} times in all. */
        String awaitPrinted(String text, int times, String what) throws InterruptedException {
            long deadline = System.nanoTime() + VERDICT_WAIT.toNanos();
            while (count(output(), text) < times) {
                if (System.nanoTime() > deadline || !thread.isAlive()) {
                    throw new AssertionError("expected " + what + " (\"" + text + "\" printed " + times + " times) within "
                            + VERDICT_WAIT.toSeconds() + " s, but " + (thread.isAlive() ? "it was not" : "the command ended (exit "
                            + exit.get() + ")") + ". Output so far:\n" + output() + "\nErrors:\n" + err);
                }
                Thread.sleep(10);
            }
            return output();
        }

        /** Ctrl-C: interrupts the command and waits until it has ended. */
        int stop() throws InterruptedException {
            thread.interrupt();
            assertThat(thread.join(Duration.ofSeconds(20))).as("watch should end within 20 s of Ctrl-C; output:\n%s", output()).isTrue();
            return exit.get();
        }

        @Override
        public void close() {
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static final String WATCHING = "Watching exercise-01-greeting";

    @Nested
    @DisplayName("with file events")
    class WithFileEvents {

        @Test
        @DisplayName("shows the verdict on each save, the compiler's message for a broken file, and the verdict again once fixed")
        void save_break_fix() throws Exception {
            try (Watch watch = new Watch("watch", "01")) {
                // GIVEN watch on the stub: its first verdict fails both checks with their teaching message
                String first = watch.awaitPrinted(WATCHING, 1, "the first verdict");
                assertThat(first).as("the first verdict: the stub fails both checks")
                        .contains("0/2 checks pass").contains("Blocking to Concurrent: your progress")
                        .contains("FAILED  The greeter >").contains("Hint:   start with \"Hello, \"");

                // WHEN the learner saves a correct greeter THEN every check passes
                save(greeter, SOLVED);
                String solved = watch.awaitPrinted(WATCHING, 2, "a verdict after a correct save");
                assertThat(solved.substring(first.length())).as("after a correct save")
                        .contains("saved src/main/java/greeting/Greeter.java").contains("2/2 checks pass").contains("Every check of every exercise passes");

                // WHEN the learner saves a file that does not compile THEN the compiler's first message shows, and it keeps watching
                save(greeter, BROKEN);
                String broken = watch.awaitPrinted(WATCHING, 3, "the compiler's message after a broken save");
                assertThat(broken.substring(solved.length())).as("after saving a file that does not compile")
                        .contains("Does not compile")
                        .contains("src/main/java/greeting/Greeter.java:5: error: ';' expected")
                        .doesNotContain("checks pass");

                // WHEN the learner fixes it (half right) THEN the verdict is back, with the check still failing
                save(greeter, HALF_SOLVED);
                String fixed = watch.awaitPrinted(WATCHING, 4, "a verdict after the fix");
                assertThat(fixed.substring(broken.length())).as("after fixing the file")
                        .contains("1/2 checks pass").contains("ends with an exclamation mark")
                        .contains("end the greeting with an exclamation mark");
                assertThat(watch.stop()).isEqualTo(ExitCode.INTERRUPTED);
            }
            // THEN status reads what the last run found
            assertThat(CommandRun.of("status").out()).as("status after watch").contains("1/2");
        }

        @Test
        @DisplayName("compiles the tests again when a signature they use changes, and shows their compiler message")
        void changed_signature() throws Exception {
            try (Watch watch = new Watch("watch", "01")) {
                // GIVEN watch with its first verdict
                String first = watch.awaitPrinted(WATCHING, 1, "the first verdict");
                // WHEN the learner changes the signature the test calls
                save(greeter, SOLVED.replace("greet(String name)", "greet(String name, int times)"));
                // THEN the test no longer compiles, as in a full build
                String after = watch.awaitPrinted(WATCHING, 2, "the tests' compiler message").substring(first.length());
                assertThat(after).as("expected the test's compile error: a changed signature must compile its callers again")
                        .contains("Does not compile").contains("src/test/java/greeting/GreeterTest.java:")
                        .contains("cannot be applied to given types");
            }
        }

        @Test
        @DisplayName("stops a run that a newer save made stale, and leaves no process behind on Ctrl-C")
        void stale_run_and_ctrl_c() throws Exception {
            try (Watch watch = new Watch("watch", "01")) {
                String first = watch.awaitPrinted(WATCHING, 1, "the first verdict");
                // GIVEN a save whose tests take 30 s
                save(greeter, SLOW);
                watch.awaitPrinted("running the tests", 2, "the slow run to start");
                Thread.sleep(300); // the test JVM is up
                // WHEN the learner saves again THEN the slow run stops and the new verdict comes at once
                long saved = System.nanoTime();
                save(greeter, SOLVED);
                String after = watch.awaitPrinted(WATCHING, 2, "the verdict of the newer save").substring(first.length());
                assertThat(after).contains("the test run was stopped").contains("2/2 checks pass");
                assertThat(Duration.ofNanos(System.nanoTime() - saved)).as("the stale 30 s run must not delay the verdict")
                        .isLessThan(Duration.ofSeconds(20));

                // WHEN a slow run is going and Ctrl-C comes THEN it ends at once with 130, and no process is left
                save(greeter, SLOW);
                watch.awaitPrinted("running the tests", 4, "another slow run");
                Thread.sleep(300);
                long stopping = System.nanoTime();
                assertThat(watch.stop()).isEqualTo(ExitCode.INTERRUPTED);
                assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
                assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                        .as("processes left after Ctrl-C: the test JVM must be killed with its children").isEmpty();
                assertThat(watch.output()).endsWith("Stopped watching exercise-01-greeting.\n");
            }
        }
    }

    @Nested
    @DisplayName("when the learner is on step 2 of two")
    class StepFirst {

        /** Step 1's check waits until the test lets it end, so the step 2 verdict can only come first if it runs first. */
        private static final String TWO_STEPS = """
                package greeting;

                import static org.assertj.core.api.Assertions.assertThat;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.DisplayName;
                import workshop.kit.check.CorrectnessCheck;
                import workshop.kit.check.Step;

                @DisplayName("The greeter")
                class GreeterTest {

                    @Step(1)
                    @CorrectnessCheck
                    void greets_by_name() throws InterruptedException {
                        Path release = Path.of(System.getProperty("workshop.lesson")).resolveSibling("release-step-1");
                        for (int look = 0; look < 600 && !Files.exists(release); look++) {
                            Thread.sleep(50);
                        }
                        assertThat(release).as("the test let step 1's check end").exists();
                    }

                    @Step(2)
                    @CorrectnessCheck
                    void ends_with_an_exclamation_mark() {
                        assertThat(new Greeter().greet("Ada")).as("expected \\"Hello, Ada!\\"; end the greeting with an exclamation mark")
                                .isEqualTo("Hello, Ada!");
                    }
                }
                """;

        @Test
        @DisplayName("shows step 2's verdict while step 1's checks still run, then the table once all have ended")
        void step_verdict_before_the_rest() throws Exception {
            // GIVEN a lesson of two steps whose last run passed step 1 and failed step 2
            Files.writeString(exercise.resolve("README.md"),
                    "# Greetings\n\n### Step 1: Greet by name\n> Hint: start with \"Hello, \"\n\n### Step 2: Add the mark\n> Hint: end with \"!\"\n");
            Files.writeString(exercise.resolve("src/test/java/greeting/GreeterTest.java"), TWO_STEPS);
            Files.writeString(exercise.resolve("target/workshop/checks.tsv"), String.join("\n",
                    new CheckOutcome("greeting.GreeterTest#greets_by_name", "The greeter > greets by name",
                            CheckOutcome.Status.PASSED, "correctness", 1, OnStub.FAILS, 1, false, "", false).toLine(),
                    new CheckOutcome("greeting.GreeterTest#ends_with_an_exclamation_mark", "The greeter > ends with an exclamation mark",
                            CheckOutcome.Status.FAILED, "correctness", 1, OnStub.FAILS, 2, false, "expected \"Hello, Ada!\"", false).toLine()) + "\n");
            Path release = exercise.resolve("release-step-1");

            try (Watch watch = new Watch("watch", "01")) {
                // WHEN watch runs the exercise
                String stepVerdict = watch.awaitPrinted("Step 2 (Add the mark): 0/1 checks pass", 1, "step 2's verdict");

                // THEN step 2's verdict, with its teaching message, came while step 1's check was still held
                assertThat(stepVerdict).as("the output when step 2's verdict came")
                        .contains("step 2's first").contains("FAILED  The greeter > ends with an exclamation mark")
                        .contains("end the greeting with an exclamation mark")
                        .doesNotContain("Blocking to Concurrent: your progress").doesNotContain(WATCHING);

                // WHEN step 1's check may end THEN the run finishes with the table of both steps
                Files.writeString(release, "go\n");
                String all = watch.awaitPrinted(WATCHING, 1, "the table after the rest");
                assertThat(all.substring(stepVerdict.length())).as("after the rest of the checks")
                        .contains("Blocking to Concurrent: your progress").contains("1/2 checks pass");
            }
        }
    }

    @Nested
    @DisplayName("with --poll")
    class Polling {

        @Test
        @DisplayName("notices a save by looking, and says so")
        void polls() throws Exception {
            try (Watch watch = new Watch("watch", "--poll", "greeting")) {
                String first = watch.awaitPrinted(WATCHING, 1, "the first verdict");
                assertThat(first).contains("polling every 300 ms");
                save(greeter, SOLVED);
                String after = watch.awaitPrinted(WATCHING, 2, "a verdict after a save, found by polling").substring(first.length());
                assertThat(after).contains("2/2 checks pass");
            }
        }
    }

    @Nested
    @DisplayName("choosing the exercise")
    class Choosing {

        @Test
        @DisplayName("watches the next exercise status names when none is given")
        void next_exercise() throws Exception {
            // GIVEN exercise 01 passes everything and exercise 02 has not run
            Path report = exercise.resolve("target/workshop/checks.tsv");
            Files.writeString(report, new CheckOutcome("greeting.GreeterTest#greets_by_name", "The greeter > greets by name",
                    CheckOutcome.Status.PASSED, "correctness", 1, OnStub.FAILS, 1, false, "", false).toLine() + "\n");
            Files.setLastModifiedTime(report, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            exercise("exercise-02-farewell");
            // WHEN watch runs without a name THEN it watches exercise 02
            try (Watch watch = new Watch("watch")) {
                assertThat(watch.awaitPrinted("Compiling exercise-", 1, "watch to start on an exercise"))
                        .startsWith("Compiling exercise-02-farewell");
            }
        }

        @Test
        @DisplayName("refuses an unknown exercise with exit code 2")
        void unknown() {
            CommandRun ran = CommandRun.of("watch", "09");
            assertThat(ran.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(ran.err()).contains("no exercise called \"09\"");
        }
    }

    @Nested
    @Tag("slow")
    @DisplayName("the first run of an exercise")
    class FirstRun {

        @Test
        @DisplayName("asks Maven for the test class path once, and keeps it until a pom.xml changes")
        void resolves_the_class_path_with_maven() throws Exception {
            // GIVEN a copy of this workshop's build files with exercise 01, never built
            Path workshop = WORKSHOP;
            Path copy = Files.createDirectories(root.resolve("copy"));
            for (String file : List.of("pom.xml", "mvnw", "mvnw.cmd")) {
                Files.copy(workshop.resolve(file), copy.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
            Commands.copyTree(workshop.resolve(".mvn"), copy.resolve(".mvn"));
            try (var modules = Files.list(workshop)) {
                for (Path module : modules.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).toList()) {
                    Files.createDirectories(copy.resolve(module.getFileName().toString()));
                    Files.copy(module.resolve("pom.xml"), copy.resolve(module.getFileName().toString()).resolve("pom.xml"));
                }
            }
            Commands.copyTree(workshop.resolve("exercise-01-sync/src"), copy.resolve("exercise-01-sync/src"));
            Workspace workspace = new Workspace(copy);
            Exercise sync = workspace.exercise("01");
            StringWriter out = new StringWriter();

            // WHEN watch prepares it, twice
            List<Path> classpath = TestClasspath.of(workspace, sync, new PrintWriter(out, true));
            long again = System.nanoTime();
            List<Path> kept = TestClasspath.of(workspace, sync, new PrintWriter(out, true));

            // THEN Maven named the kit and the JUnit Platform launcher, said so once, and the second time cost nothing
            assertThat(classpath).as("the test class path Maven resolved").anyMatch(entry -> entry.toString().contains("workshop-kit"))
                    .anyMatch(entry -> entry.getFileName().toString().startsWith("junit-platform-launcher"));
            assertThat(kept).isEqualTo(classpath);
            assertThat(Duration.ofNanos(System.nanoTime() - again)).as("the kept class path is read, not resolved again")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(count(out.toString(), "Maven resolves the test class path")).as("progress shown once: %s", out).isEqualTo(1);
        }
    }

    @Nested
    @Tag("slow")
    @DisplayName("speed")
    class Speed {

        /** A learner reads the verdict and edits before saving again; the next run's JVM starts meanwhile. */
        private static final Duration READING_THE_VERDICT = Duration.ofSeconds(3);

        @Test
        @DisplayName("shows the verdict soon after each save (median of 5 saves, each a few seconds after the last verdict; the product's bound is 2 s)")
        void save_to_verdict() throws Exception {
            try (Watch watch = new Watch("watch", "01")) {
                watch.awaitPrinted(WATCHING, 1, "the first verdict");
                List<Long> millis = new ArrayList<>();
                for (int save = 1; save <= 5; save++) {
                    Thread.sleep(READING_THE_VERDICT);
                    long saved = System.nanoTime();
                    save(greeter, save % 2 == 1 ? SOLVED : HALF_SOLVED);
                    watch.awaitPrinted(WATCHING, 1 + save, "the verdict of save " + save);
                    millis.add((System.nanoTime() - saved) / 1_000_000);
                }
                long median = millis.stream().sorted().toList().get(millis.size() / 2);
                Matcher reported = Pattern.compile("verdict (\\d+\\.\\d) s after the save").matcher(watch.output());
                List<String> own = new ArrayList<>();
                while (reported.find()) {
                    own.add(reported.group(1));
                }
                System.out.printf("watch: save to verdict %s ms, median %d ms (as the command measured it: %s s; load average %.2f)%n",
                        millis, median, own, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                // Generous (a busy 2-core machine must not fail it), yet far below a Maven build per save; the 2 s bound is reported.
                assertThat(median).as("median save-to-verdict time in ms, saves %s: far above the 2 s bound;"
                        + " is a full build running per save?", millis).isLessThan(5_000);
            }
        }
    }
}
