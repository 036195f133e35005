package workshop.kit.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Keeps an exercise's check outcomes and makes the learner's {@link ProgressTable} when its tests end.
 *
 * <p>Registered with the JUnit Platform for every module that has the kit on its test class path,
 * and active only where the build names a lesson ({@code -Dworkshop.lesson=.../README.md}), as
 * exercise modules do. It keeps the outcomes in {@code target/workshop/checks.tsv}, which
 * {@code ./workshop status} reads, and the table in {@code target/workshop/progress.txt}. A Maven
 * run shows that table once, as the last thing it prints ({@code -Dworkshop.progress.table=end-of-build});
 * any other runner (an IDE) gets it printed here.
 */
public final class ProgressReport implements TestExecutionListener {

    static final String REPORT = "target/workshop/checks.tsv";
    private static final String BUILD_STAMP = "target/workshop/build";
    /** The table as printed, for the build to show when it ends (workshop-maven-plugin). */
    static final String TABLE = "target/workshop/progress.txt";

    private final Path lesson;
    private final CheckRecorder recorder;

    public ProgressReport() {
        String lessonProperty = System.getProperty("workshop.lesson", "");
        this.lesson = lessonProperty.isBlank() ? null : Path.of(lessonProperty);
        this.recorder = lesson == null ? null : new CheckRecorder(Path.of(REPORT));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (recorder != null) {
            recorder.testPlanExecutionStarted(testPlan);
        }
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (recorder != null) {
            recorder.executionStarted(test);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (recorder != null) {
            recorder.executionSkipped(test, reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (recorder != null) {
            recorder.executionFinished(test, result);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (recorder == null) {
            return;
        }
        recorder.testPlanExecutionFinished(testPlan);
        String build = System.getProperty("workshop.build", "");
        List<String> table = ProgressTable.render(rows(build));
        try {
            Files.writeString(Path.of(BUILD_STAMP), build);
            SourceDigest.keep(Path.of(""));
            Files.write(Path.of(TABLE), table, StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // the report itself is written; the table is printed below when the build does not print it
        }
        if (!"end-of-build".equals(System.getProperty("workshop.progress.table"))) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println();
            table.forEach(out::println);
        }
    }

    /** This exercise's row and every other exercise's, from the reports their last runs left. */
    private List<ProgressTable.Row> rows(String build) {
        Lesson current = Lesson.read(lesson);
        List<ProgressTable.Row> rows = new ArrayList<>();
        rows.add(new ProgressTable.Row(current, Optional.of(recorder.finished()), true, ""));
        Path root = lesson.toAbsolutePath().getParent().getParent();
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root, "exercise-*")) {
            for (Path module : modules) {
                if (Files.isDirectory(module) && !module.getFileName().toString().equals(current.exercise())) {
                    rows.add(lastRun(module, build));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the table shows this exercise at least
        }
        rows.sort(Comparator.comparing(ProgressTable.Row::exercise));
        return rows;
    }

    private static ProgressTable.Row lastRun(Path module, String build) {
        Lesson lesson = Lesson.read(module.resolve("README.md"));
        Path report = module.resolve(REPORT);
        Path stamp = module.resolve(BUILD_STAMP);
        try {
            if (!Files.isRegularFile(report)) {
                return new ProgressTable.Row(lesson, Optional.empty(), false, "");
            }
            boolean thisRun = !build.isBlank() && Files.isRegularFile(stamp) && Files.readString(stamp).equals(build);
            String note = thisRun ? "" : "from " + ago(Files.getLastModifiedTime(report).toInstant());
            return new ProgressTable.Row(lesson, Optional.of(CheckOutcome.read(report)), thisRun, note);
        } catch (IOException | RuntimeException unreadable) {
            return new ProgressTable.Row(lesson, Optional.empty(), false, "");
        }
    }

    /** How long ago {@code then} was, in the largest unit that fits: "12 min ago". */
    public static String ago(Instant then) {
        Duration since = Duration.between(then, Instant.now());
        if (since.toMinutes() < 1) {
            return "just now";
        }
        if (since.toHours() < 1) {
            return since.toMinutes() + " min ago";
        }
        if (since.toDays() < 1) {
            return since.toHours() + " h ago";
        }
        return since.toDays() == 1 ? "1 day ago" : since.toDays() + " days ago";
    }
}
