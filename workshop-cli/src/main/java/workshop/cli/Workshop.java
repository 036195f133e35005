package workshop.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./workshop} command: one entry point for learners ({@code status}, {@code hint},
 * {@code watch}, {@code reset}, {@code compare}) and instructors ({@code export}, {@code grade}).
 *
 * <p>Exit codes: {@value #OK} done; {@value #CHECK_FAILED} the command ran but what it checks did not
 * hold (an export that leaks a secret, a cancelled reset); {@value #USAGE} the command line is wrong;
 * {@value #ENVIRONMENT} something around it is missing (not inside the workshop, no git, a build that
 * fails); {@value #INTERRUPTED} interrupted (Ctrl-C).
 */
@Command(name = "workshop", mixinStandardHelpOptions = true, version = "workshop 1.0",
        description = "Blocking to Concurrent: your progress, hints, a watch loop, resets and the comparison lab; for instructors, the learner edition and grading.",
        subcommands = {StatusCommand.class, HintCommand.class, ResetCommand.class, ExportCommand.class,
                GradeCommand.class, WatchCommand.class, workshop.cli.compare.CompareCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the command ran, but what it checks does not hold", "2:wrong command line",
                "3:something it needs is missing (workshop folder, git, JDK, a build)", "130:interrupted"})
public final class Workshop implements Runnable {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT = 3;
    public static final int INTERRUPTED = 130;

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
                return INTERRUPTED;
            }
            err.println("workshop: unexpected failure: " + exception);
            exception.printStackTrace(err);
            return ENVIRONMENT;
        });
        commandLine.setExitCodeExceptionMapper(exception -> USAGE);
        return commandLine.execute(args);
    }
}
