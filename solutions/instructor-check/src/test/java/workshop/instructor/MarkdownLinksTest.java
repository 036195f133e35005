package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.cli.export.MarkdownLinks;

/**
 * Every relative link of every Markdown file leads somewhere: the file exists, and an anchor names a
 * heading of it. Every command of a shell block that is the workshop's own exists. (The learner edition
 * is held to the same by {@code ./workshop export}.)
 */
@DisplayName("The Markdown files")
class MarkdownLinksTest {

    @Test
    @DisplayName("link only to files and headings that exist, and name only commands that exist")
    void every_relative_link_and_command_resolves() {
        // GIVEN every Markdown file of the workshop WHEN each link and shell command is resolved
        List<String> broken = MarkdownLinks.broken(InstructorTree.ROOT);

        // THEN nothing is broken
        assertThat(broken).withFailMessage("%d broken link(s) or command(s):%n  %s", broken.size(), String.join("\n  ", broken))
                .isEmpty();
    }
}
