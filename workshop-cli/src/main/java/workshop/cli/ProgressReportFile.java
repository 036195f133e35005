package workshop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import workshop.cli.compare.CompareCommand;
import workshop.kit.check.CheckOutcome;

/**
 * The proof of work a learner hands a mentor ({@code ./workshop status --report FILE.md}): per
 * exercise, the checks of its last run, passing or with the first line of what failed, and the
 * comparison lab's tables if the lab ran. Markdown, to paste into a pull request.
 */
final class ProgressReportFile {

    private ProgressReportFile() {
    }

    static String render(Workspace workspace, List<Progress> exercises) throws IOException {
        StringBuilder out = new StringBuilder("# Workshop progress\n\n");
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
                out.append("- [").append(check.passed() ? "x" : " ").append("] ").append(Gradebook.md(check.name()))
                        .append(" (").append(check.kind()).append(", ").append(check.points()).append(" points");
                if (check.step() > 0) {
                    out.append(", step ").append(check.step());
                }
                out.append(")");
                if (!check.passed()) {
                    out.append(": ").append(Gradebook.md(check.message().lines().findFirst().orElse("")));
                }
                out.append('\n');
            }
        }
        Path lab = workspace.root().resolve(CompareCommand.TABLES);
        if (Files.isRegularFile(lab)) {
            out.append("\n## The comparison lab, as last run\n\n```text\n").append(Files.readString(lab).stripTrailing()).append("\n```\n");
        }
        return out.toString();
    }
}
