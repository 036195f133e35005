package workshop.cli;

/** A problem to report in one sentence, with the exit code that names its kind. */
final class WorkshopException extends RuntimeException {

    private final int exitCode;

    WorkshopException(int exitCode, String sentence) {
        super(sentence);
        this.exitCode = exitCode;
    }

    WorkshopException(int exitCode, String sentence, Throwable cause) {
        super(sentence, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
