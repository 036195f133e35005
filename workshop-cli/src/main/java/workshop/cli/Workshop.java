package workshop.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import workshop.cli.compare.CompareCommand;
import workshop.cli.export.ExportCommand;
import workshop.cli.grade.GradeCommand;
import workshop.cli.learner.HintCommand;
import workshop.cli.learner.ResetCommand;
import workshop.cli.learner.StatusCommand;
import workshop.cli.watch.WatchCommand;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.WorkshopException;

/**
 * The {@code ./workshop} command: one entry point for learners ({@code status}, {@code hint},
 * {@code watch}, {@code reset}, {@code compare}) and instructors ({@code export}, {@code grade}).
 */
@Command(name = "workshop", mixinStandardHelpOptions = true, version = "workshop 1.0",
        description = "Blocking to Concurrent: your progress, hints, a watch loop, resets and the comparison lab; for instructors, the learner edition and grading.",
        subcommands = {StatusCommand.class, HintCommand.class, ResetCommand.class, ExportCommand.class,
                GradeCommand.class, WatchCommand.class, CompareCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the command ran, but what it checks does not hold", "2:wrong command line",
                "3:something it needs is missing (workshop folder, git, JDK, a build)", "130:interrupted"})
public final class Workshop implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; what it prints goes to {@code out} and {@code err}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Workshop());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof WorkshopException problem) {
                err.println("workshop: " + problem.getMessage());
                return problem.exitCode();
            }
            if (exception instanceof InterruptedException) {
                err.println("workshop: interrupted.");
                return ExitCode.INTERRUPTED;
            }
            err.println("workshop: unexpected failure: " + exception);
            exception.printStackTrace(err);
            return ExitCode.ENVIRONMENT;
        });
        commandLine.setExitCodeExceptionMapper(exception -> ExitCode.USAGE);
        return commandLine.execute(args);
    }
}
