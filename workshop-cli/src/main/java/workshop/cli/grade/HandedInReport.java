package workshop.cli.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import workshop.cli.workspace.Markdown;
import workshop.cli.workspace.ProgressReportFile;
import workshop.kit.check.CheckOutcome;

/** A progress report a learner handed in beside the code, and how the checks it claims compare with the grade. */
record HandedInReport(String text, String verdict) {

    /**
     * The report a learner handed in beside the code (a Markdown file next to the exercise folders,
     * whatever its name), compared with the grade; {@code null} when there is none.
     */
    static HandedInReport find(Path submissionRoot, List<Grader.ExerciseGrade> grades) {
        if (submissionRoot == null) {
            return null;
        }
        try (Stream<Path> files = Files.list(submissionRoot)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".md")).filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(file);
                if (text.startsWith(ProgressReportFile.TITLE)) {
                    return new HandedInReport(text, verdict(ProgressReportFile.claims(text), grades));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return null; // an unreadable file is no report
        }
        return null;
    }

    /**
     * "agrees" when every check the report claims passed also passed in the grade; otherwise the
     * checks it claims that did not. A check the report says fails is no claim: the learner may
     * have fixed it since.
     */
    static String verdict(Map<String, Map<String, Boolean>> claims, List<Grader.ExerciseGrade> grades) {
        int claimed = 0;
        List<String> contradicted = new ArrayList<>();
        for (Grader.ExerciseGrade grade : grades) {
            Map<String, Boolean> exercise = claims.getOrDefault(grade.exercise().name(), Map.of());
            for (CheckOutcome check : grade.checks()) {
                if (Boolean.TRUE.equals(exercise.get(Markdown.literal(check.name())))) {
                    claimed++;
                    if (!check.passed()) {
                        contradicted.add(grade.exercise().name() + ": " + check.name());
                    }
                }
            }
        }
        if (claimed == 0) {
            return "report claims no passing check of these exercises";
        }
        return contradicted.isEmpty() ? "report agrees: " + claimed + " passing check(s) claimed, all pass here"
                : "report claims " + contradicted.size() + " of " + claimed + " passing check(s) that fail here: " + String.join("; ", contradicted);
    }
}
