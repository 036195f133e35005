package workshop.kit.check;

import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A known-wrong solution: the reference solution with one honest mistake, kept as a unified diff
 * against the reference ({@code solutions/<exercise>/mutants/<name>.patch}). The diff's preamble
 * says what is wrong, what the message of its first failing check must say (words or short
 * phrases, separated by {@code |}, each found in the message whatever its case) and which checks
 * must catch it:
 *
 * <pre>
 * Calls the partner APIs without a request timeout, so a hung API hangs the dashboard.
 *
 * First message says: flights API | never answers | still running after | call timeout | step 2
 *
 * Must fail:
 *   workshop.sync.SyncDashboardTest$WhenAPartnerApiHangs#the_dashboard_gives_up_on_the_api_within_its_call_timeout
 *
 * --- a/workshop/sync/SyncDashboard.java
 * +++ b/workshop/sync/SyncDashboard.java
 * ...
 * </pre>
 *
 * @param name        the file name without {@code .patch}
 * @param description what is wrong, in one sentence
 * @param firstMessageSays what the message of its first failing check (lowest lesson step, then
 *                    report order) must contain, case aside; empty when the preamble has no
 *                    {@code First message says:} line
 * @param mustFail    the checks ({@code class#method}) that must fail against it
 * @param patch       the diff file
 */
public record Mutant(String name, String description, List<String> firstMessageSays, List<String> mustFail, Path patch) {

    /** The preamble line that lists what the first failing check's message must say. */
    public static final String FIRST_MESSAGE_SAYS = "First message says:";

    /** The phrases of a {@code First message says:} line's value: split at {@code |}, stripped, blanks left out. */
    public static List<String> phrases(String value) {
        return java.util.Arrays.stream(value.split("\\|")).map(String::strip).filter(phrase -> !phrase.isEmpty()).toList();
    }

    /** The phrases of {@code expected} that {@code message} lacks, case aside. */
    public static List<String> missing(List<String> expected, String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        return expected.stream().filter(phrase -> !lower.contains(phrase.toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** Reads a mutant's diff file. */
    public static Mutant read(Path patch) {
        try {
            List<String> lines = Files.readAllLines(patch);
            String description = lines.isEmpty() ? "" : lines.getFirst().strip();
            List<String> mustFail = new ArrayList<>();
            List<String> firstMessageSays = List.of();
            boolean inList = false;
            for (String line : lines) {
                if (line.startsWith("--- ")) {
                    break;
                }
                if (line.strip().regionMatches(true, 0, FIRST_MESSAGE_SAYS, 0, FIRST_MESSAGE_SAYS.length())) {
                    firstMessageSays = phrases(line.strip().substring(FIRST_MESSAGE_SAYS.length()));
                    inList = false;
                } else if (line.strip().equalsIgnoreCase("Must fail:")) {
                    inList = true;
                } else if (inList && line.contains("#")) {
                    mustFail.add(line.strip());
                }
            }
            String name = patch.getFileName().toString().replaceFirst("\\.patch$", "");
            return new Mutant(name, description, firstMessageSays, List.copyOf(mustFail), patch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mutants of one exercise's solution folder, by name. */
    public static List<Mutant> in(Path solutionFolder) {
        Path folder = solutionFolder.resolve("mutants");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> patches = Files.list(folder)) {
            return patches.filter(p -> p.toString().endsWith(".patch")).sorted().map(Mutant::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the mutant's sources: a copy of {@code referenceSources} with the diff applied.
     *
     * @throws IllegalStateException if the diff no longer applies to the reference
     */
    public void writeSources(Path referenceSources, Path target) {
        try {
            copyTree(referenceSources, target);
            UnifiedDiff diff;
            try (InputStream in = Files.newInputStream(patch)) {
                diff = UnifiedDiffReader.parseUnifiedDiff(in);
            }
            for (UnifiedDiffFile file : diff.getFiles()) {
                Path source = target.resolve(file.getFromFile().replaceFirst("^a/", ""));
                List<String> patched = file.getPatch().applyTo(Files.readAllLines(source));
                Files.write(source, patched);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PatchFailedException e) {
            throw new IllegalStateException("mutant " + name + " no longer applies to the reference solution: " + e.getMessage()
                    + ". Edit " + patch + " to match the reference again.", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
