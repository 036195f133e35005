package workshop.cli.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.StepFigures;

/**
 * The proof of work a learner hands a mentor ({@code ./workshop status --report FILE.md}): per
 * exercise, the checks of its last run, passing or with the first line of what failed, the figures its
 * checks measured (exercise 04's honest comparison), and the comparison lab's tables if the lab ran. Markdown, to paste into a pull request. The grader reads
 * its {@link #claims} back from a submission.
 */
public final class ProgressReportFile {

    public static final String TITLE = "# Workshop progress";
    private static final Pattern EXERCISE = Pattern.compile("^## (exercise-\\d\\d-\\S+)$");
    private static final Pattern CHECK = Pattern.compile(
            "^- \\[([ x])\\] (.+?) \\((?:correctness|timing|ungraded), \\d+ points(?:, step \\d+)?\\)(?:: .*)?$");

    private ProgressReportFile() {
    }

    /** Per exercise, per check (as the report writes its name): whether the report says it passed. */
    public static Map<String, Map<String, Boolean>> claims(String report) {
        Map<String, Map<String, Boolean>> claims = new LinkedHashMap<>();
        Map<String, Boolean> current = null;
        for (String line : report.lines().toList()) {
            Matcher exercise = EXERCISE.matcher(line);
            Matcher check = CHECK.matcher(line);
            if (exercise.matches()) {
                current = claims.computeIfAbsent(exercise.group(1), name -> new LinkedHashMap<>());
            } else if (current != null && check.matches()) {
                current.put(check.group(2), check.group(1).equals("x"));
            }
        }
        return claims;
    }

    public static String render(Workspace workspace, List<Progress> exercises) throws IOException {
        StringBuilder out = new StringBuilder(TITLE + "\n\n");
        out.append("From the last test run of each exercise, written by `./workshop status --report` on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC")).append(".\n\n");
        out.append("| exercise | checks passing | state |\n|---|---:|---|\n");
        for (Progress progress : exercises) {
            out.append("| ").append(progress.exercise().name()).append(" | ")
                    .append(progress.ran() ? progress.passing() + "/" + progress.total() : "-").append(" | ")
                    .append(!progress.ran() ? "not run yet" : progress.stale() ? "sources changed since this run"
                            : progress.done() ? "done" : "in progress").append(" |\n");
        }
        for (Progress progress : exercises) {
            if (progress.checks().isEmpty()) {
                continue;
            }
            out.append("\n## ").append(progress.exercise().name()).append("\n\n");
            for (CheckOutcome check : progress.checks().get()) {
                out.append("- [").append(check.passed() ? "x" : " ").append("] ").append(Markdown.literal(check.name()))
                        .append(" (").append(check.kind()).append(", ").append(check.points()).append(" points");
                if (check.step() > 0) {
                    out.append(", step ").append(check.step());
                }
                out.append(")");
                if (!check.passed()) {
                    out.append(": ").append(Markdown.literal(check.message().lines().findFirst().orElse("")));
                }
                out.append('\n');
            }
            for (StepFigures.Figures figures : StepFigures.read(progress.exercise().dir())) {
                out.append("\nStep ").append(figures.step()).append("'s figures, measured on the learner's machine on ")
                        .append(figures.measured().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC"))
                        .append(":\n\n```text\n").append(figures.text().replace("```", "'''")).append("\n```\n");
            }
        }
        Path lab = workspace.labTables();
        if (Files.isRegularFile(lab)) {
            out.append("\n## The comparison lab, as last run\n\n```text\n").append(Files.readString(lab).stripTrailing()).append("\n```\n");
        }
        return out.toString();
    }
}
