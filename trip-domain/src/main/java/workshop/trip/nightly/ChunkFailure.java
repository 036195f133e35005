package workshop.trip.nightly;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why a chunk has no result: its worker crashed, printed something that is not a result, ran out
 * of time, or could not be started. It names the chunk and, where there is one, the exit code.
 *
 * <p>Make one with the factory for what happened ({@link #crashed}, {@link #malformedOutput},
 * {@link #timedOut}, {@link #notStarted}); {@link #afterAttempts(int)} records how many workers
 * were tried before giving up.
 *
 * @param chunkIndex the chunk that failed
 * @param kind       what went wrong
 * @param exitCode   the worker's exit code, when it ended on its own (empty when it was killed
 *                   after its timeout or never started)
 * @param attempts   how many workers were started for this chunk, at least 1
 * @param detail     what the worker left behind: the end of its stderr, or the output that could
 *                   not be read, or the reason it could not be started
 */
public record ChunkFailure(int chunkIndex, Kind kind, OptionalInt exitCode, int attempts, String detail)
        implements ChunkOutcome {

    /** What went wrong with a chunk's worker. */
    public enum Kind {
        /** It ended with a non-zero exit code. */
        CRASHED,
        /** It ended with exit code 0 but its stdout held no well-formed result for its chunk. */
        MALFORMED_OUTPUT,
        /** It was still running when its time was up, and was killed. */
        TIMED_OUT,
        /** It could not be started at all. */
        NOT_STARTED
    }

    public ChunkFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(exitCode, "exitCode");
        detail = Objects.requireNonNullElse(detail, "").strip();
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
    }

    /** The worker for {@code chunkIndex} ended with {@code exitCode} (not 0); {@code stderrTail} is the end of what it printed on stderr. */
    public static ChunkFailure crashed(int chunkIndex, int exitCode, String stderrTail) {
        return new ChunkFailure(chunkIndex, Kind.CRASHED, OptionalInt.of(exitCode), 1, stderrTail);
    }

    /** The worker for {@code chunkIndex} ended with {@code exitCode} but printed no result; {@code problem} says what came instead. */
    public static ChunkFailure malformedOutput(int chunkIndex, int exitCode, String problem) {
        return new ChunkFailure(chunkIndex, Kind.MALFORMED_OUTPUT, OptionalInt.of(exitCode), 1, problem);
    }

    /** The worker for {@code chunkIndex} was still running after {@code timeout} and was killed. */
    public static ChunkFailure timedOut(int chunkIndex, Duration timeout) {
        return new ChunkFailure(chunkIndex, Kind.TIMED_OUT, OptionalInt.empty(), 1,
                "still running after " + timeout.toMillis() + " ms, killed with its descendants");
    }

    /** No worker for {@code chunkIndex} could be started; {@code reason} says why. */
    public static ChunkFailure notStarted(int chunkIndex, String reason) {
        return new ChunkFailure(chunkIndex, Kind.NOT_STARTED, OptionalInt.empty(), 1, reason);
    }

    /** This failure, recorded as the last of {@code attempts} attempts. */
    public ChunkFailure afterAttempts(int attempts) {
        return new ChunkFailure(chunkIndex, kind, exitCode, attempts, detail);
    }

    /** One sentence for a log or an alert, for example {@code chunk 3 failed after 2 attempts: its worker exited with code 3 (...)}. */
    public String message() {
        String what = switch (kind) {
            case CRASHED -> "its worker exited with code " + exitCode.orElse(-1);
            case MALFORMED_OUTPUT -> "its worker exited with code " + exitCode.orElse(-1) + " but printed no result";
            case TIMED_OUT -> "its worker timed out";
            case NOT_STARTED -> "its worker could not be started";
        };
        return "chunk " + chunkIndex + " failed after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": " + what
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    @Override
    public String toString() {
        return message();
    }
}
