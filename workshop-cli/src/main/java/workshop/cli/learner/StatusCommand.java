package workshop.cli.learner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workshop.cli.workspace.AtomicFiles;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.Progress;
import workshop.cli.workspace.ProgressReportFile;
import workshop.cli.workspace.WorkshopCommand;
import workshop.cli.workspace.Workspace;
import workshop.kit.check.ProgressReport;
import workshop.kit.check.ProgressTable;
import workshop.kit.check.StepFigures;

/** {@code ./workshop status}: the progress table of the last test runs, the same one the build prints. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the figures a check measured on this machine (exercise 04, step 7), then every exercise",
                "with its checks passing out of total (from your last test run),",
                "then the next failing check, its first hint, and the command that runs it.",
                "--report FILE.md also writes that progress as Markdown, check by check, to hand a mentor."})
public final class StatusCommand extends WorkshopCommand {

    @Option(names = "--report", paramLabel = "FILE.md",
            description = "also write the progress, check by check, and the comparison lab's last tables as Markdown")
    Path report;

    @Override
    public Integer call() throws IOException {
        Workspace workspace = Workspace.locate();
        PrintWriter out = out();
        List<Progress> progress = workspace.exercises().stream().map(Progress::of).toList();
        printFigures(workspace, out);
        ProgressTable.render(progress.stream().map(Progress::row).toList()).forEach(out::println);
        if (report != null) {
            AtomicFiles.write(report.toAbsolutePath(), ProgressReportFile.render(workspace, progress));
            out.println("Wrote " + report + ".");
        }
        out.flush();
        return ExitCode.OK;
    }

    /** What checks measured on this machine for a step (exercise 04's honest comparison), above the table that ends the output. */
    private static void printFigures(Workspace workspace, PrintWriter out) {
        for (Exercise exercise : workspace.exercises()) {
            for (StepFigures.Figures figures : StepFigures.read(exercise.dir())) {
                out.println(exercise.name() + ", step " + figures.step() + "'s figures, measured on this machine "
                        + ProgressReport.ago(figures.measured()) + ":");
                figures.text().lines().forEach(line -> out.println("  " + line));
                out.println();
            }
        }
    }
}
