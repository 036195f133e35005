package workshop.cli.workspace;

/**
 * The exit codes of every {@code ./workshop} command: {@value #OK} done; {@value #CHECK_FAILED} the
 * command ran but what it checks did not hold (an export that leaks a secret, a cancelled reset);
 * {@value #USAGE} the command line is wrong; {@value #ENVIRONMENT} something around it is missing
 * (not inside the workshop, no git, a build that fails); {@value #INTERRUPTED} interrupted (Ctrl-C).
 */
public final class ExitCode {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT = 3;
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
