package workshop.trip.nightly;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer for one chunk, and where and when it was computed.
 *
 * <p>On the wire (the worker's stdout) a result is one line, for example
 * {@code result chunk=3 lowestFareTotal=2329841 pid=4242 started=2026-01-05T02:00:00.125Z finished=2026-01-05T02:00:00.375Z},
 * written by {@link #toLine()}. {@link #fromWorkerOutput} finds and checks that line in
 * everything a worker printed.
 *
 * @param chunkIndex      the chunk this result answers
 * @param lowestFareTotal the chunk's answer: see {@link FareForecast#lowestFareTotal(Chunk)}
 * @param pid             the process that computed it
 * @param started         when that process started computing (wall clock, comparable across processes)
 * @param finished        when it finished
 */
public record ChunkResult(int chunkIndex, long lowestFareTotal, long pid, Instant started, Instant finished)
        implements ChunkOutcome {

    private static final String TAG = "result";
    private static final List<String> KEYS = List.of("chunk", "lowestFareTotal", "pid", "started", "finished");

    public ChunkResult {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        if (finished.isBefore(started)) {
            throw new IllegalArgumentException("chunk " + chunkIndex + ": a result cannot finish before it starts");
        }
    }

    /** Whether this result and the other were being computed at the same moment. */
    public boolean overlaps(ChunkResult other) {
        return started.isBefore(other.finished) && other.started.isBefore(finished);
    }

    /** This result as the one line a worker prints on its stdout (no line break). */
    public String toLine() {
        // A StringBuilder rather than '+': a worker JVM then spends no start-up time on bootstrapping string concatenation.
        return new StringBuilder(TAG).append(" chunk=").append(chunkIndex).append(" lowestFareTotal=").append(lowestFareTotal)
                .append(" pid=").append(pid).append(" started=").append(started).append(" finished=").append(finished)
                .toString();
    }

    /**
     * Reads the result for {@code chunk} from everything a worker printed on its stdout: the last
     * line that starts with {@code result } (a worker may print other lines before it).
     *
     * @throws IllegalArgumentException if there is no such line, if it is malformed, or if it
     *                                  answers another chunk; the message says which and shows
     *                                  what came
     */
    public static ChunkResult fromWorkerOutput(Chunk chunk, String stdout) {
        List<String> lines = stdout == null ? List.of() : stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String line = lines.reversed().stream().filter(l -> l.startsWith(TAG + " ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("malformed output: expected a line starting with '" + TAG
                        + " ' but got " + (lines.isEmpty() ? "no output at all" : lines.size() + " other line(s), the last "
                        + Chunk.Wire.quote(lines.getLast()))));
        ChunkResult result = parse(line);
        if (result.chunkIndex() != chunk.index()) {
            throw new IllegalArgumentException("malformed output: the worker was sent chunk " + chunk.index()
                    + " but answered chunk " + result.chunkIndex());
        }
        return result;
    }

    /**
     * Reads one line written by {@link #toLine()}.
     *
     * @throws IllegalArgumentException if the line is not a result; the message shows the line
     */
    public static ChunkResult parse(String line) {
        Map<String, String> fields = Chunk.Wire.fields(TAG, line, KEYS);
        try {
            return new ChunkResult(Integer.parseInt(fields.get("chunk")), Long.parseLong(fields.get("lowestFareTotal")),
                    Long.parseLong(fields.get("pid")), Instant.parse(fields.get("started")), Instant.parse(fields.get("finished")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("malformed result: " + Chunk.Wire.quote(line) + " (" + e.getMessage() + ")", e);
        }
    }
}
