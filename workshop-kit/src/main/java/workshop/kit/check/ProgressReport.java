package workshop.kit.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The learner's progress table, printed when an exercise's tests end: per exercise, checks passing
 * out of total, then the next failing check with its teaching message and its step's first hint.
 *
 * <p>Registered with the JUnit Platform for every module that has the kit on its test class path,
 * and active only where the build names a lesson ({@code -Dworkshop.lesson=.../README.md}), as
 * exercise modules do. It also keeps each exercise's outcomes in
 * {@code target/workshop/checks.tsv}, which {@code ./workshop status} reads.
 */
public final class ProgressReport implements TestExecutionListener {

    static final String REPORT = "target/workshop/checks.tsv";
    private static final String BUILD_STAMP = "target/workshop/build";
    private static final int WIDTH = 78;

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
        try {
            Files.writeString(Path.of(BUILD_STAMP), build);
        } catch (IOException ignored) {
            // the table below still shows this exercise
        }
        Lesson current = Lesson.read(lesson);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(current, recorder.finished()));
        rows.addAll(siblingsOfThisBuild(build, current.exercise()));
        rows.sort(Comparator.comparing(row -> row.lesson().exercise()));
        print(rows, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    private record Row(Lesson lesson, List<CheckOutcome> checks) {
        long passing() {
            return checks.stream().filter(CheckOutcome::passed).count();
        }

        Optional<CheckOutcome> nextFailing() {
            return checks.stream().filter(check -> !check.passed())
                    .min(Comparator.comparingInt((CheckOutcome check) -> check.step() == 0 ? Integer.MAX_VALUE : check.step()));
        }
    }

    /** Other exercises whose tests ran earlier in the same Maven build (same build stamp). */
    private List<Row> siblingsOfThisBuild(String build, String exercise) {
        List<Row> rows = new ArrayList<>();
        Path root = Path.of("").toAbsolutePath().getParent();
        if (build.isBlank() || root == null) {
            return rows;
        }
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root, "exercise-*")) {
            for (Path module : modules) {
                Path stamp = module.resolve(BUILD_STAMP);
                Path report = module.resolve(REPORT);
                if (!module.getFileName().toString().equals(exercise) && Files.isRegularFile(stamp)
                        && Files.isRegularFile(report) && Files.readString(stamp).equals(build)) {
                    rows.add(new Row(Lesson.read(module.resolve("README.md")), CheckOutcome.read(report)));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // a sibling's report that cannot be read is left out of the table
        }
        return rows;
    }

    private static void print(List<Row> rows, PrintStream out) {
        String rule = "-".repeat(WIDTH);
        out.println();
        out.println(rule);
        out.println(" Blocking to Concurrent: your progress");
        out.println(rule);
        for (Row row : rows) {
            int total = row.checks().size();
            long passing = row.passing();
            String next = row.nextFailing().map(check -> "next: step " + check.step()).orElse("done");
            out.printf(" %-24s %s %3d/%-3d checks   %s%n", row.lesson().exercise(), bar(passing, total), passing, total, next);
        }
        out.println(rule);
        // Exercises build on each other: the next thing to do is in the first one that is not done.
        rows.stream().filter(row -> row.nextFailing().isPresent()).findFirst()
                .ifPresentOrElse(row -> printNext(row, row.nextFailing().orElseThrow(), out),
                        () -> out.println(" Every check passes. Well done!"));
        out.println(rule);
    }

    private static void printNext(Row row, CheckOutcome check, PrintStream out) {
        String exercise = row.lesson().exercise();
        Optional<Lesson.LessonStep> step = row.lesson().step(check.step());
        out.println(" Next in " + exercise + step.map(s -> ", step " + s.number() + ": " + s.title()).orElse("") + ":");
        out.println("   FAILED  " + check.name());
        check.message().lines().limit(12).forEach(line -> out.println("           " + line));
        step.flatMap(s -> s.hints().stream().findFirst()).ifPresent(hint -> out.println("   Hint:   " + hint));
        long failing = row.checks().size() - row.passing();
        out.println("   Run:    ./mvnw test -pl " + exercise + "   (" + failing + " failing; more hints: ./workshop hint " + exercise + ")");
    }

    private static String bar(long passing, int total) {
        int width = 12;
        int filled = total == 0 ? 0 : (int) (width * passing / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
