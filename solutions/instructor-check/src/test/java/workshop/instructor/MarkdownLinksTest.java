package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of every Markdown file leads somewhere: the file exists, and an anchor names a
 * heading of it (as the repository's web view makes anchors). Every command of a shell block that is
 * the workshop's own (./mvnw, ./workshop, scripts/...) exists.
 */
@DisplayName("The Markdown files")
class MarkdownLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*$");

    @Test
    @DisplayName("link only to files and headings that exist, and name only commands that exist")
    void every_relative_link_and_command_resolves() throws IOException {
        // GIVEN every Markdown file of the workshop
        List<String> broken = new ArrayList<>();
        for (Path file : InstructorTree.markdownFiles(InstructorTree.ROOT)) {
            boolean fenced = false;
            boolean shell = false;
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = InstructorTree.ROOT.relativize(file) + ":" + (i + 1);
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    shell = fenced && line.strip().matches("```(bash|sh|shell|console)");
                    continue;
                }
                if (fenced) {
                    // WHEN a shell block names one of the workshop's commands THEN it exists
                    String command = line.strip().replaceFirst("^\\$\\s+", "").split("\\s+")[0];
                    if (shell && (command.startsWith("./") || command.startsWith("scripts/"))
                            && !Files.isRegularFile(InstructorTree.ROOT.resolve(command))) {
                        broken.add(where + ": the command " + command + " does not exist");
                    }
                    continue;
                }
                // WHEN a line links somewhere relative THEN the file, and the heading an anchor names, exist
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("[a-z]+:.*")) {
                        continue; // a web address
                    }
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    if (!Files.exists(linked)) {
                        broken.add(where + ": " + target + " leads nowhere");
                    } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
                        broken.add(where + ": " + target + " names no heading of " + InstructorTree.ROOT.relativize(linked)
                                + " (its anchors: " + anchors(linked) + ")");
                    }
                }
            }
        }

        // THEN nothing is broken
        assertThat(broken).withFailMessage("%d broken link(s) or command(s):%n  %s", broken.size(), String.join("\n  ", broken))
                .isEmpty();
    }

    /** The anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    static List<String> anchors(Path markdown) throws IOException {
        List<String> anchors = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(markdown)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int n = 1; anchors.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                anchors.add(unique);
            }
        }
        return anchors;
    }
}
