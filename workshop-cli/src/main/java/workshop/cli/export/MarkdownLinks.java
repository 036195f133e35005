package workshop.cli.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The links of a tree's Markdown files that lead nowhere: a relative link to a file that is missing or
 * outside the tree, an anchor that names no heading (anchors as the repository's web view makes them),
 * and a command of a shell block that is the workshop's own ({@code ./mvnw}, {@code ./workshop},
 * {@code scripts/...}) and does not exist. The instructor check holds the instructor tree to it; the
 * export holds the learner edition to it.
 */
public final class MarkdownLinks {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*$");

    private MarkdownLinks() {
    }

    /** One line per broken link or command, as {@code file:line: what}; empty when everything resolves. */
    public static List<String> broken(Path root) {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles(root)) {
            boolean fenced = false;
            boolean shell = false;
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = root.relativize(file).toString().replace('\\', '/') + ":" + (i + 1);
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    shell = fenced && line.strip().matches("```(bash|sh|shell|console)");
                    continue;
                }
                if (fenced) {
                    String command = line.strip().replaceFirst("^\\$\\s+", "").split("\\s+")[0];
                    if (shell && (command.startsWith("./") || command.startsWith("scripts/")) && !Files.isRegularFile(root.resolve(command))) {
                        broken.add(where + ": the command " + command + " does not exist");
                    }
                    continue;
                }
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("[a-z]+:.*")) {
                        continue; // a web address
                    }
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    if (!linked.startsWith(root)) {
                        broken.add(where + ": " + target + " leads outside " + root.getFileName());
                    } else if (!Files.exists(linked)) {
                        broken.add(where + ": " + target + " leads nowhere");
                    } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
                        broken.add(where + ": " + target + " names no heading of " + root.relativize(linked).toString().replace('\\', '/')
                                + " (its anchors: " + anchors(linked) + ")");
                    }
                }
            }
        }
        return broken;
    }

    /** The Markdown files of a tree, build output and backups left out. */
    public static List<Path> markdownFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> !root.relativize(path).toString().replace('\\', '/').matches("(.*/)?(target|node_modules|backups|\\.git)/.*"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static List<String> anchors(Path markdown) {
        List<String> anchors = new ArrayList<>();
        boolean fenced = false;
        for (String line : read(markdown)) {
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

    private static List<String> read(Path file) {
        if (Files.isDirectory(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
