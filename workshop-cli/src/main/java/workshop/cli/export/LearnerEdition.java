package workshop.cli.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import workshop.cli.workspace.Commands;

/**
 * What goes into the learner edition, and the proof that no secret went with it: no file whose
 * content (normalized) is that of a file under {@code solutions/}, and no mention of a hidden test class.
 */
public final class LearnerEdition {

    /**
     * Paths (relative, with {@code /}) that stay in the instructor edition. The instructor's CI
     * workflows stay too: the edition gets its own, {@link #WORKFLOW}.
     */
    static boolean instructorOnly(String path) {
        return path.startsWith("solutions/") || path.startsWith("backups/") || path.startsWith(".ci/")
                || path.startsWith(".github/workflows/") || path.startsWith("scripts/")
                || path.equals("docs/instructors.md") || path.equals("docs/maintainers.md");
    }

    /** Marks, in a Markdown file, a passage for the instructor edition only (HTML comments: invisible either way). */
    static final String INSTRUCTORS_FROM = "<!-- instructor edition -->";
    static final String INSTRUCTORS_TO = "<!-- /instructor edition -->";
    private static final Pattern INSTRUCTORS_PASSAGE = Pattern.compile(
            "(?s)[ \\t]*" + Pattern.quote(INSTRUCTORS_FROM) + ".*?" + Pattern.quote(INSTRUCTORS_TO) + "[ \\t]*\\R?");

    /** A Markdown file as the learner edition holds it: without its instructor-edition passages. */
    static String forLearners(String markdown) {
        return INSTRUCTORS_PASSAGE.matcher(markdown).replaceAll("");
    }

    private static final int SHORTEST_SECRET = 40;
    private static final Pattern JAVA_COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private LearnerEdition() {
    }

    /** The tracked files of the instructor tree, relative, with {@code /}. */
    public static List<String> trackedFiles(Path root) {
        String listing = Commands.git(root, "ls-files", "-z").text();
        List<String> files = new ArrayList<>();
        for (String file : listing.split("\0")) {
            if (!file.isBlank() && Files.isRegularFile(root.resolve(file))) {
                files.add(file);
            }
        }
        return files;
    }

    /** A file's content with whitespace (and, for Java, comments) removed, so reformatting hides nothing. */
    static String normalized(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (file.toString().endsWith(".java")) {
                text = JAVA_COMMENTS.matcher(text).replaceAll("");
            }
            return WHITESPACE.matcher(text).replaceAll("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks an exported folder against the instructor tree.
     *
     * @return one line per leak; empty when the edition holds no secret
     */
    static List<String> leaks(Path instructorRoot, Path edition) {
        List<String> tracked = trackedFiles(instructorRoot);
        Set<String> publicContents = new HashSet<>();
        Map<String, String> secretContents = new HashMap<>();
        Map<String, String> strictSecrets = new HashMap<>();
        Set<String> hiddenTestNames = new HashSet<>();
        Set<String> visibleTestNames = new HashSet<>();
        for (String file : tracked) {
            Path path = instructorRoot.resolve(file);
            String content = normalized(path);
            if (instructorOnly(file)) {
                // Hidden tests are the exercises' own: the grading fixtures' miniature tests are no secret.
                if (alwaysSecret(file) && file.contains("/src/test/java/") && file.matches(".*(Test|Tests|IT)\\.java")) {
                    hiddenTestNames.add(simpleName(file));
                }
                if (content.length() >= SHORTEST_SECRET) {
                    (alwaysSecret(file) ? strictSecrets : secretContents).putIfAbsent(content, file);
                }
            } else {
                publicContents.add(content);
                if (file.contains("/src/test/java/") && file.endsWith(".java")) {
                    visibleTestNames.add(simpleName(file));
                }
            }
        }
        // A mutant may equal the stub (the stub is "correct but sequential"): that is no secret.
        // A reference solution or hidden test equal to a public file is a leak all the same.
        publicContents.forEach(secretContents::remove);
        secretContents.putAll(strictSecrets);
        hiddenTestNames.removeAll(visibleTestNames);
        Pattern names = hiddenTestNames.isEmpty() ? null
                : Pattern.compile("\\b(" + String.join("|", hiddenTestNames.stream().map(Pattern::quote).toList()) + ")\\b");
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(edition)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = edition.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith(".git/") || relative.contains("/target/") || relative.startsWith("target/")) {
                    continue;
                }
                if (relative.startsWith("solutions/")) {
                    leaks.add(relative + ": the solutions folder must not be in the learner edition");
                    continue;
                }
                String secret = secretContents.get(normalized(file));
                if (secret != null) {
                    leaks.add(relative + ": same content as " + secret);
                }
                if (names != null && Files.size(file) < 2_000_000) {
                    var match = names.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                    if (match.find()) {
                        leaks.add(relative + ": names the hidden test " + match.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leaks;
    }

    /** The reference solution and the hidden tests of an exercise: {@code solutions/exercise-NN-x/src/...}. */
    private static boolean alwaysSecret(String file) {
        return file.matches("solutions/exercise-\\d\\d-[^/]+/src/.*");
    }

    private static String simpleName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - ".java".length());
    }

    /** Where the export writes {@link #WORKFLOW} in the learner edition. */
    static final String WORKFLOW_PATH = ".github/workflows/workshop.yml";

    /**
     * The learner edition's GitHub Actions workflow: the visible tests on every push, going on past
     * failing exercises (the wrapper's {@code --fail-at-end}), and the progress table the run ends with
     * copied into the job summary. The run stays red until every check passes.
     */
    static final String WORKFLOW = """
            # Runs the visible tests on every push. The run is red until every check passes; the job
            # summary shows your progress table (the same as at the end of ./mvnw test on your machine).
            name: workshop
            on:
              push:
              pull_request:
              workflow_dispatch:
            jobs:
              visible-tests:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-java@v4
                    with:
                      distribution: temurin
                      java-version: '21'
                      cache: maven
                  - name: Visible tests (every exercise, even after a failing one)
                    shell: bash
                    run: ./mvnw -B test 2>&1 | tee "$RUNNER_TEMP/tests.log"
                  - name: Progress table
                    if: always()
                    shell: bash
                    run: |
                      # The last table in the log covers every exercise that ran.
                      table="$(awk '/^ Blocking to Concurrent: your progress/ { table = rule; capture = 1; rules = 1 }
                                    capture { table = table "\\n" $0; if ($0 ~ /^-+$/ && ++rules == 4) capture = 0 }
                                    /^-+$/ { rule = $0 }
                                    END { printf "%s", table }' "$RUNNER_TEMP/tests.log")"
                      {
                        echo '## Your progress'
                        echo '```text'
                        echo "${table:-No progress table: the build stopped before the tests ran; the step above says why.}"
                        echo '```'
                      } >> "$GITHUB_STEP_SUMMARY"
            """;
}
