package workshop.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junitpioneer.jupiter.RestoreSystemProperties;
import workshop.cli.CommandRun;
import workshop.cli.ScratchTree;
import workshop.cli.workspace.ExitCode;

@RestoreSystemProperties
@DisplayName("export writes a learner edition without secrets")
class ExportCommandTest {

    private static final String REFERENCE = """
            package workshop.sync;
            /** The reference. */
            public final class Dashboard {
                public String load() { return "the real answer, computed concurrently"; }
            }
            """;
    private static final String HIDDEN_TEST_NAME = "Dashboard" + "SecretGradingTest";

    @TempDir
    Path temp;

    private ScratchTree tree;
    private Path root;

    @BeforeEach
    void an_instructor_tree() throws IOException {
        tree = new ScratchTree(temp.resolve("instructor"));
        root = tree.root();
        tree.write("pom.xml", "<project/>\n")
                .write(".github/workflows/instructor-check.yml", "name: instructor check\njobs: {verify: {steps: [{run: bash .ci/run}]}}\n")
                .write("exercise-01-sync/README.md", "# Exercise 01\n")
                .write("exercise-01-sync/src/main/java/workshop/sync/Dashboard.java",
                        "package workshop.sync;\npublic final class Dashboard {\n  public String load() { throw new UnsupportedOperationException(\"Step 1\"); }\n}\n")
                .write("solutions/exercise-01-sync/src/main/java/workshop/sync/Dashboard.java", REFERENCE)
                .write("solutions/exercise-01-sync/src/test/java/workshop/sync/" + HIDDEN_TEST_NAME + ".java",
                        "package workshop.sync;\nclass " + HIDDEN_TEST_NAME + " { /* checks the answer in depth, with many cases */ }\n");
    }

    private void write(String path, String content) throws IOException {
        tree.write(path, content);
    }

    private void commit() {
        tree.commit();
    }

    @Test
    @DisplayName("a clean tree exports without solutions/ or the instructor's workflow, and with a workflow that runs the visible tests")
    void clean_export() {
        // GIVEN a committed instructor tree
        commit();
        // WHEN it is exported (the offline build is checked by the slow test and the instructor check)
        Path edition = temp.resolve("edition");
        CommandRun ran = CommandRun.of("export", edition.toString(), "--no-build");
        // THEN the edition holds the stub and its own workflow, and nothing of solutions/ or the instructor's CI
        assertThat(ran.exit()).as(ran.out() + ran.err()).isZero();
        assertThat(edition.resolve("exercise-01-sync/src/main/java/workshop/sync/Dashboard.java")).exists();
        assertThat(edition.resolve("solutions")).doesNotExist();
        assertThat(edition.resolve(".github/workflows/instructor-check.yml"))
                .as("the instructor's workflow runs the hidden tests: it must stay out of the learner edition").doesNotExist();
        assertThat(edition.resolve(".github/workflows")).isDirectoryContaining(path -> path.endsWith("workshop.yml"))
                .isDirectoryNotContaining(path -> !path.endsWith("workshop.yml"));
        assertThat(edition.resolve(".github/workflows/workshop.yml")).content()
                .as("the learner workflow: JDK 21 from actions/setup-java, the visible tests, the progress table in the job summary")
                .contains("actions/setup-java@", "java-version: '21'", "./mvnw -B test", "if: always()", "$GITHUB_STEP_SUMMARY",
                        "your progress");
    }

    @Test
    @DisplayName("a reference solution copied into the stub, reformatted, is caught by content")
    void leaked_reference_is_caught() throws IOException {
        // GIVEN the stub replaced by the reference with other whitespace and comments
        write("exercise-01-sync/src/main/java/workshop/sync/Dashboard.java",
                REFERENCE.replace("    ", "\t").replace("/** The reference. */", "// the stub") + "\n\n");
        commit();
        // WHEN it is exported
        CommandRun ran = CommandRun.of("export", temp.resolve("edition").toString(), "--no-build");
        // THEN export fails and names the file and its source
        assertThat(ran.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(ran.out()).contains("exercise-01-sync/src/main/java/workshop/sync/Dashboard.java: same content as solutions/");
    }

    @Test
    @DisplayName("a hidden test named in a public file is caught")
    void hidden_test_name_is_caught() throws IOException {
        // GIVEN a README that names the hidden test
        write("exercise-01-sync/README.md", "# Exercise 01\nGraded by " + HIDDEN_TEST_NAME + ".\n");
        commit();
        // WHEN it is exported THEN export fails and names the file and the test
        CommandRun ran = CommandRun.of("export", temp.resolve("edition").toString(), "--no-build");
        assertThat(ran.exit()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(ran.out()).contains("exercise-01-sync/README.md: names the hidden test " + HIDDEN_TEST_NAME);
    }
}
