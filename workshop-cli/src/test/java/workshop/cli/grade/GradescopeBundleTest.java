package workshop.cli.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junitpioneer.jupiter.RestoreSystemProperties;
import workshop.cli.CommandRun;
import workshop.cli.ScratchTree;
import workshop.cli.export.LearnerEdition;
import workshop.cli.workspace.Commands;
import workshop.cli.workspace.ExitCode;

@RestoreSystemProperties
@DisplayName("export --gradescope writes an autograder bundle")
class GradescopeBundleTest {

    private static final Path WORKSHOP = Path.of(System.getProperty("workshop.root", "..")).toAbsolutePath().normalize();

    @Nested
    @DisplayName("for a small instructor tree")
    class ForASmallTree {

        private static final String HIDDEN_TEST = "solutions/exercise-01-sync/src/test/java/workshop/sync/DashboardHiddenTest.java";

        @TempDir
        Path temp;

        private ScratchTree tree;

        @BeforeEach
        void a_committed_instructor_tree() throws IOException {
            tree = new ScratchTree(temp.resolve("instructor"));
            tree.write("pom.xml", "<project/>\n")
                    .write(".gitignore", "target/\n")
                    .write(".github/workflows/instructor-check.yml", "name: instructor check\n")
                    .write("exercise-01-sync/src/main/java/workshop/sync/Dashboard.java", "package workshop.sync;\nclass Dashboard {}\n")
                    .write("solutions/exercise-01-sync/src/main/java/workshop/sync/Dashboard.java", "package workshop.sync;\nclass Dashboard { int answer; }\n")
                    .commit();
            // a hidden test written since, not yet committed, and a build's output
            tree.write(HIDDEN_TEST, "package workshop.sync;\nclass DashboardHiddenTest {}\n")
                    .write("exercise-01-sync/target/classes/stale.class", "built, ignored\n");
        }

        @Test
        @DisplayName("the zip holds setup.sh and run_autograder at its root, and the tree with its hidden tests under workshop/")
        void bundle_content() throws IOException {
            // GIVEN the tree above WHEN it is exported as a bundle
            Path zip = temp.resolve("out/autograder.zip");
            CommandRun ran = CommandRun.of("export", "--gradescope", zip.toString());

            // THEN the zip holds the scripts, the tree with the new hidden test, and no build output or CI workflow
            assertThat(ran.exit()).as(ran.out() + ran.err()).isZero();
            assertThat(ran.out()).contains("Wrote the Gradescope autograder bundle: setup.sh, run_autograder and 5 files");
            assertThat(entries(zip)).containsExactlyInAnyOrder("setup.sh", "run_autograder", "workshop/pom.xml", "workshop/.gitignore",
                    "workshop/exercise-01-sync/src/main/java/workshop/sync/Dashboard.java",
                    "workshop/solutions/exercise-01-sync/src/main/java/workshop/sync/Dashboard.java", "workshop/" + HIDDEN_TEST);
            try (ZipFile file = new ZipFile(zip.toFile())) {
                assertThat(new String(file.getInputStream(file.getEntry("run_autograder")).readAllBytes()))
                        .as("run_autograder as packed").startsWith("#!/usr/bin/env bash").contains("workshop\" grade");
            }
            assertThat(temp.resolve("out")).as("only the zip, no temporary file left").isDirectoryContaining(p -> p.equals(zip))
                    .isDirectoryNotContaining(p -> !p.equals(zip));
        }

        @Test
        @DisplayName("an existing zip is kept unless --force")
        void existing_zip_needs_force() throws IOException {
            // GIVEN a file where the bundle should go
            Path zip = temp.resolve("autograder.zip");
            Files.writeString(zip, "last term's bundle");
            // WHEN the bundle is exported there, without and then with --force
            CommandRun refused = CommandRun.of("export", "--gradescope", zip.toString());
            CommandRun forced = CommandRun.of("export", "--gradescope", zip.toString(), "--force");
            // THEN the first is refused and keeps the file, the second replaces it
            assertThat(refused.exit()).as(refused.err()).isEqualTo(ExitCode.USAGE);
            assertThat(refused.err()).contains("exists; choose another file or add --force");
            assertThat(forced.exit()).as(forced.out() + forced.err()).isZero();
            assertThat(entries(zip)).contains("run_autograder");
        }

        @Test
        @DisplayName("export needs either DIR or --gradescope FILE.zip")
        void export_needs_a_target() {
            // WHEN export is given neither THEN it says what it needs
            CommandRun ran = CommandRun.of("export");
            assertThat(ran.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(ran.err()).contains("give either DIR (the learner edition) or --gradescope FILE.zip");
        }
    }

    @Nested
    @DisplayName("run_autograder with no submission")
    class WithoutSubmission {

        @TempDir
        Path autograder;

        @Test
        @Timeout(60)
        @DisplayName("still writes results.json: no points, and the reason")
        void no_submission() throws Exception {
            // GIVEN an autograder layout whose submission folder is missing
            Path script = Files.createDirectories(autograder.resolve("source")).resolve("run_autograder");
            try (InputStream in = GradescopeBundle.class.getResourceAsStream("gradescope/run_autograder")) {
                Files.write(script, in.readAllBytes());
            }
            // WHEN run_autograder runs
            int exit = AutograderLayout.bash(script, autograder, Map.of(), autograder.resolve("run.log"), Duration.ofSeconds(30));
            // THEN it ends normally and results.json gives no points and says why
            assertThat(exit).as(Files.readString(autograder.resolve("run.log"))).isZero();
            String results = Files.readString(autograder.resolve("results/results.json"));
            assertThat(results).contains("\"score\": 0", "\"tests\": []")
                    .contains("\"output\": \"No submission to grade: " + autograder.resolve("submission") + " is missing.\"");
        }
    }

    /**
     * The bundle of this workshop, unpacked into a fake {@code /autograder} layout and set up as
     * Gradescope would (the JDK is present here, so nothing is installed; Maven runs offline), then
     * graded on submissions. Several minutes: tagged {@code slow}.
     */
    @Nested
    @Tag("slow")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("on a fake /autograder layout, with this workshop")
    class OnAFakeAutograder {

        private Path temp;
        private Path autograder;
        private Path tree;

        @BeforeAll
        @Timeout(900)
        void a_bundle_set_up(@TempDir Path temp) throws Exception {
            this.temp = temp;
            // GIVEN the bundle of this workshop, unpacked into <temp>/autograder/source
            System.setProperty("workshop.root", WORKSHOP.toString());
            Path zip = temp.resolve("autograder.zip");
            CommandRun ran = CommandRun.of("export", "--gradescope", zip.toString());
            assertThat(ran.exit()).as(ran.out() + ran.err()).isZero();
            autograder = temp.resolve("autograder");
            unzip(zip, autograder.resolve("source"));
            Files.copy(autograder.resolve("source/run_autograder"), autograder.resolve("run_autograder"));
            tree = autograder.resolve("source/workshop");

            // WHEN setup.sh runs (offline: everything it needs is in the local Maven repository already)
            Path log = temp.resolve("setup.log");
            int exit = AutograderLayout.bash(autograder.resolve("source/setup.sh"), autograder, Map.of("MAVEN_ARGS", "-o"), log, Duration.ofMinutes(12));

            // THEN it ends well and leaves what the grader reads
            assertThat(exit).withFailMessage("setup.sh failed (exit %d); its log:%n%s", exit, Files.readString(log)).isZero();
            assertThat(tree.resolve("solutions/exercise-01-sync/target/test-classpath.txt")).isRegularFile();
            assertThat(autograder.resolve("run_autograder")).as("setup.sh makes the copied run_autograder executable").isExecutable();
        }

        @Test
        @Timeout(120)
        @DisplayName("the bundle holds every hidden test; the learner edition holds none")
        void hidden_tests_only_in_the_bundle() throws IOException {
            // GIVEN the hidden tests of this workshop (tracked: the learner edition takes only those)
            List<String> hidden = LearnerEdition.trackedFiles(WORKSHOP).stream()
                    .filter(file -> file.matches("solutions/exercise-[^/]+/src/test/java/.*Test\\.java")).toList();
            assertThat(hidden).as("hidden tests in solutions/exercise-*").isNotEmpty();
            // WHEN the learner edition is exported next to the bundle (its own secret checks are ExportCommandTest's)
            Path edition = temp.resolve("learner-edition");
            CommandRun ran = CommandRun.of("export", edition.toString(), "--no-build");
            // THEN every hidden test is in the unpacked bundle, and no file of the edition has a hidden test's name
            assertThat(ran.out()).as(ran.out() + ran.err()).contains("Wrote the learner edition");
            for (String test : hidden) {
                assertThat(tree.resolve(test)).as("hidden test in the bundle").isRegularFile();
                String name = Path.of(test).getFileName().toString();
                try (Stream<Path> walk = Files.walk(edition)) {
                    assertThat(walk.map(p -> p.getFileName().toString())).as("files of the learner edition").doesNotContain(name);
                }
            }
            assertThat(edition.resolve("solutions")).doesNotExist();
        }

        @Test
        @Timeout(1200)
        @DisplayName("a clone with the reference of exercise 01 and the other stubs gets every point of exercise 01 and loses points elsewhere")
        void reference_of_one_exercise() throws Exception {
            // GIVEN a learner's clone in one top-level folder: exercise 01 solved, the others as handed out
            Path clone = submission().resolve("blocking-to-concurrent-main");
            for (Path exercise : exercises()) {
                Path name = exercise.getFileName();
                Files.createDirectories(clone.resolve(name));
                Files.copy(exercise.resolve("pom.xml"), clone.resolve(name).resolve("pom.xml"));
                Path sources = name.toString().equals("exercise-01-sync") ? tree.resolve("solutions").resolve(name) : exercise;
                Commands.copyTree(sources.resolve("src/main/java"), clone.resolve(name).resolve("src/main/java"));
            }

            // WHEN the autograder runs
            String json = runAutograder();
            Gradebook.GradescopeResults results = Gradebook.GRADESCOPE.readValue(json, Gradebook.GradescopeResults.class);

            // THEN exercise 01 earns all its points, every other exercise loses some, and the score adds up
            Map<String, int[]> points = new java.util.TreeMap<>();
            for (Gradebook.GradescopeTest test : results.tests()) {
                int[] exercise = points.computeIfAbsent(test.tags().getFirst(), key -> new int[2]);
                exercise[0] += test.score();
                exercise[1] += test.maxScore();
            }
            assertThat(points.keySet()).as("exercises graded in\n" + json)
                    .containsExactlyElementsOf(exercises().stream().map(p -> p.getFileName().toString()).toList());
            int[] first = points.get("exercise-01-sync");
            assertThat(first[0]).withFailMessage("expected the reference of exercise 01 to earn all %d points, it earned %d:%n%s",
                    first[1], first[0], json).isEqualTo(first[1]).isPositive();
            points.forEach((exercise, earned) -> {
                if (!exercise.equals("exercise-01-sync")) {
                    assertThat(earned[0]).withFailMessage("expected the stub of %s to lose points, it earned %d of %d",
                            exercise, earned[0], earned[1]).isLessThan(earned[1]);
                }
            });
            assertThat(results.score()).as("the total").isEqualTo(results.tests().stream().mapToInt(Gradebook.GradescopeTest::score).sum());
            assertThat(results.tests()).extracting(Gradebook.GradescopeTest::visibility)
                    .as("visible checks shown at once, hidden ones after publication").contains("visible", "after_published");
            assertThat(ProcessHandle.current().descendants().toList()).as("processes left behind").isEmpty();
        }

        @Test
        @Timeout(900)
        @DisplayName("a submission without any exercise still gets a results.json: no points, and the reason")
        void broken_submission() throws Exception {
            // GIVEN a submission holding only a stray file
            Files.writeString(submission().resolve("notes.txt"), "I could not find the exercises, sorry\n");

            // WHEN the autograder runs
            String json = runAutograder();
            Gradebook.GradescopeResults results = Gradebook.GRADESCOPE.readValue(json, Gradebook.GradescopeResults.class);

            // THEN results.json gives no points and says why, and still lists every check
            assertThat(results.score()).as("the score in\n" + json).isZero();
            assertThat(results.output()).contains("empty submission: no exercise-NN-* folder in it");
            assertThat(results.tests()).as("checks listed in\n" + json).isNotEmpty()
                    .allSatisfy(test -> assertThat(test.score()).as("points of " + test.name()).isZero());
        }

        private Path submission() throws IOException {
            Path submission = autograder.resolve("submission");
            Commands.deleteTree(submission);
            Commands.deleteTree(autograder.resolve("results"));
            return Files.createDirectories(submission);
        }

        private List<Path> exercises() throws IOException {
            try (Stream<Path> children = Files.list(tree)) {
                return children.filter(p -> p.getFileName().toString().matches("exercise-\\d\\d-.+")).sorted().toList();
            }
        }

        /** Runs the copied run_autograder as Gradescope does; a little more room for timing checks on this shared machine. */
        private String runAutograder() throws Exception {
            Path log = temp.resolve("run_autograder.log");
            int exit = AutograderLayout.run(List.of(autograder.resolve("run_autograder").toString()), autograder,
                    Map.of("WORKSHOP_GRADE_OPTIONS", "--time-factor 2"), log, Duration.ofMinutes(14));
            assertThat(exit).withFailMessage("run_autograder failed (exit %d); its log:%n%s", exit, Files.readString(log)).isZero();
            Path results = autograder.resolve("results/results.json");
            assertThat(results).withFailMessage("no results.json; the log:%n%s", Files.readString(log)).isRegularFile();
            return Files.readString(results);
        }
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as("zip entry %s inside the folder", entry.getName()).isTrue();
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }

    /** Runs the bundle's scripts with the autograder root moved to a temporary folder. */
    private static final class AutograderLayout {

        static int bash(Path script, Path root, Map<String, String> env, Path log, Duration limit) throws Exception {
            return run(List.of("bash", script.toString()), root, env, log, limit);
        }

        /** Runs {@code command} in {@code root} with {@code AUTOGRADER_ROOT=root}; kills its process tree after {@code limit}. */
        static int run(List<String> command, Path root, Map<String, String> env, Path log, Duration limit) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("AUTOGRADER_ROOT", root.toString());
            builder.environment().putAll(env);
            Process process = builder.start();
            try {
                process.getOutputStream().close();
                if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError(command + " still running after " + limit.toMinutes() + " min; its log:\n" + Files.readString(log));
                }
                return process.exitValue();
            } finally {
                // also when the test times out: nothing of the run may outlive it
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
