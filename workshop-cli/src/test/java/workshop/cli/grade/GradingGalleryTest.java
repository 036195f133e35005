package workshop.cli.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junitpioneer.jupiter.RestoreSystemProperties;
import workshop.cli.Workshop;
import workshop.cli.workspace.Commands;

/**
 * Grades the gallery of hostile submissions ({@code solutions/grading-fixtures}) and holds each to the
 * points and the one-line reason in its {@code expected.tsv}. Runs in every instructor build
 * ({@code ./mvnw verify -Psolutions}); alone with {@code -Dgroups=grading}.
 */
@RestoreSystemProperties
@Tag("grading")
@DisplayName("Grading the gallery of hostile submissions")
class GradingGalleryTest {

    @TempDir
    Path temp;

    /** What the graders printed, one after the other. */
    private final StringWriter printed = new StringWriter();

    @Test
    @Timeout(900)
    @DisplayName("each hostile submission gets the points it earns and its reason, twice alike, leaving no process behind,"
            + " and sources handed in alike are graded once")
    void grades_the_gallery() throws Exception {
        // GIVEN the miniature instructor tree, built, and the gallery plus a zip with a top folder
        Path root = GradingFixture.build(temp);
        Path submissions = temp.resolve("submissions");
        Commands.copyTree(GradingFixture.GALLERY.resolve("submissions"), submissions);
        zipWithTopFolder(submissions.resolve("reference"), submissions.resolve("nested-zip.zip"), "my-clone");
        Map<String, String[]> expected = expected();
        Map<String, String> treeBefore = snapshot(root);

        // WHEN it is graded twice, one job then two
        List<Map<String, String>> first = grade(root, submissions, temp.resolve("out1"), 1);
        List<Map<String, String>> second = grade(root, submissions, temp.resolve("out2"), 2);

        // THEN sources handed in alike (the zip holds the reference's; most entries leave one exercise a stub) ran once
        assertThat(printed.toString()).containsPattern("\\b[1-9]\\d* exercise\\(s\\) had the same sources as another submission's");
        // AND each row of the first has the expected points and reason, and the second agrees on the points
        assertThat(first).hasSize(expected.size());
        for (Map<String, String> fields : first) {
            String learner = fields.get("learner");
            String[] want = expected.get(learner);
            assertThat(want).as("an expected row for " + learner).isNotNull();
            assertThat(total(fields)).as("total points of " + learner + " in " + fields).isEqualTo(want[0]);
            assertThat(java.util.Arrays.stream(want[1].split("\\|")).anyMatch(fields.get("status")::contains))
                    .as("reason of " + learner + " is one of [" + want[1] + "] in " + fields).isTrue();
        }
        assertThat(points(second)).isEqualTo(points(first));
        assertThat(Gradebook.GRADESCOPE.readValue(Files.readString(temp.resolve("out1/reference/results.json")),
                Gradebook.GradescopeResults.class).score()).as("the reference's Gradescope score").isEqualTo(7);
        assertThat(Files.readString(temp.resolve("out1/summary.html"))).contains("greets everyone in order");
        // AND no process is left, and the instructor tree is unchanged
        assertThat(ProcessHandle.current().descendants().toList()).isEmpty();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("987654")).toList()).isEmpty();
        assertThat(snapshot(root)).isEqualTo(treeBefore);
    }

    /** The gradebook's rows, read by a CSV parser: one map of fields (by column name) per learner. */
    private List<Map<String, String>> grade(Path root, Path submissions, Path out, int jobs) throws IOException {
        System.setProperty("workshop.root", root.toString());
        int exit = Workshop.execute(new String[] {"grade", submissions.toString(), "--out", out.toString(), "--jobs", String.valueOf(jobs),
                "--check-timeout", "4", "--limit", "60"}, new PrintWriter(printed, true), new PrintWriter(System.err, true));
        System.err.println(printed);
        assertThat(exit).as("exit code; printed:\n" + printed).isZero();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(out.resolve("gradebook.csv")))) {
            return parser.stream().map(CSVRecord::toMap).toList();
        }
    }

    private static Map<String, String> points(List<Map<String, String>> rows) {
        Map<String, String> points = new LinkedHashMap<>();
        rows.forEach(fields -> points.put(fields.get("learner"), total(fields)));
        return points;
    }

    /** The row's total points: the column whose name starts with "total". */
    private static String total(Map<String, String> fields) {
        return fields.entrySet().stream().filter(field -> field.getKey().startsWith("total")).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
    }

    private static Map<String, String[]> expected() throws IOException {
        Map<String, String[]> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(GradingFixture.GALLERY.resolve("expected.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t");
                expected.put(f[0], new String[] {f[1], f[2]});
            }
        }
        return expected;
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }

    private static void zipWithTopFolder(Path dir, Path zip, String top) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); var walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(top + "/" + dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
