package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import workshop.cli.Workshop;
import workshop.cli.export.MarkdownLinks;

/**
 * The learner edition (the repository without {@code solutions/}) stands on its own: it holds no
 * reference solution and no hidden test, builds offline, and runs its visible checks. This is the
 * same {@code ./workshop export} instructors use, with its own verification switched on.
 */
@DisplayName("The learner edition builds on its own and holds no secret")
class LearnerEditionTest {

    @TempDir
    Path outside;

    @Test
    @Timeout(600)
    void export_verifies_the_learner_edition() {
        InstructorTree.assumeWholeWorkshop();
        // GIVEN an empty folder outside the workshop
        Path edition = outside.resolve("learner-edition");

        // WHEN the learner edition is exported (export checks content, offline build and visible checks)
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Workshop.execute(new String[] {"export", edition.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

        // THEN it reports success, with the learners' workflow and without the instructor's
        assertThat(exit).withFailMessage("./workshop export failed (exit %d):%n%s%n%s", exit, out, err).isZero();
        assertThat(edition.resolve("solutions")).doesNotExist();
        assertThat(edition.resolve(".github/workflows/instructor-check.yml"))
                .as("the instructor's workflow (it runs the hidden tests) in the learner edition").doesNotExist();
        assertThat(edition.resolve(".github/workflows/workshop.yml")).as("the learners' workflow").content().contains("./mvnw -B test");
        // AND its Markdown is the participants' and the teams': no instructor guide, no instructor folder named
        assertThat(edition.resolve("docs/instructors.md")).doesNotExist();
        assertThat(edition.resolve("docs/maintainers.md")).doesNotExist();
        assertThat(edition.resolve(".devcontainer/devcontainer.json")).as("the dev container").exists();
        assertThat(MarkdownLinks.markdownFiles(edition)).isNotEmpty().allSatisfy(markdown -> assertThat(markdown).content()
                .as(edition.relativize(markdown) + " in the learner edition")
                .doesNotContain("solutions/", "scripts/", "instructors.md", "maintainers.md", "instructor edition -->"));
        assertThat(edition.resolve("README.md")).content().contains("./mvnw test", "docs/participants.md", "docs/onboarding.md");
    }
}
