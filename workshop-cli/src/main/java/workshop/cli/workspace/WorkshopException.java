package workshop.cli.workspace;

/** A problem to report in one sentence, with the exit code that names its kind. */
public final class WorkshopException extends RuntimeException {

    private final int exitCode;

    public WorkshopException(int exitCode, String sentence) {
        super(sentence);
        this.exitCode = exitCode;
    }

    public WorkshopException(int exitCode, String sentence, Throwable cause) {
        super(sentence, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
