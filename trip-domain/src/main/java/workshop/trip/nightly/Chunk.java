package workshop.trip.nightly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One piece of the nightly fare forecast: a run of consecutive routes, each simulated over the
 * same number of scenarios. A chunk is what one worker computes.
 *
 * <p>On the wire (the worker's stdin) a chunk is one line, for example
 * {@code chunk index=3 firstRoute=300 routes=100 scenarios=40}, written by {@link #toLine()} and
 * read back by {@link #parse(String)}.
 *
 * @param index      the chunk's position in the job, from 0; results are merged in this order
 * @param firstRoute the first route of the chunk
 * @param routes     how many consecutive routes the chunk covers, at least 1
 * @param scenarios  how many simulated years each route runs through, at least 1: the chunk's cost
 *                   grows with {@code routes * scenarios}
 */
public record Chunk(int index, int firstRoute, int routes, int scenarios) {

    private static final String TAG = "chunk";

    public Chunk {
        if (index < 0 || firstRoute < 0 || routes < 1 || scenarios < 1) {
            throw new IllegalArgumentException("a chunk needs index >= 0, firstRoute >= 0, routes >= 1 and scenarios >= 1, got "
                    + index + ", " + firstRoute + ", " + routes + ", " + scenarios);
        }
    }

    /** This chunk as the one line a worker reads from its stdin (no line break). */
    public String toLine() {
        // A StringBuilder rather than '+': a worker JVM then spends no start-up time on bootstrapping string concatenation.
        return new StringBuilder(TAG).append(" index=").append(index).append(" firstRoute=").append(firstRoute)
                .append(" routes=").append(routes).append(" scenarios=").append(scenarios).toString();
    }

    /**
     * Reads a line written by {@link #toLine()}.
     *
     * @throws IllegalArgumentException if the line is not a chunk; the message shows the line
     */
    public static Chunk parse(String line) {
        Map<String, String> fields = Wire.fields(TAG, line, List.of("index", "firstRoute", "routes", "scenarios"));
        try {
            return new Chunk(Integer.parseInt(fields.get("index")), Integer.parseInt(fields.get("firstRoute")),
                    Integer.parseInt(fields.get("routes")), Integer.parseInt(fields.get("scenarios")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed chunk: " + Wire.quote(line) + " (" + e.getMessage() + ")", e);
        }
    }

    /** The wire format's one rule: a tag, then {@code key=value} fields separated by single spaces. */
    static final class Wire {

        private Wire() {
        }

        static Map<String, String> fields(String tag, String line, List<String> keys) {
            if (line == null) {
                throw malformed(tag, keys, "nothing");
            }
            String[] parts = line.strip().split(" ");
            if (!parts[0].equals(tag) || parts.length != keys.size() + 1) {
                throw malformed(tag, keys, quote(line));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                String part = parts[i + 1];
                String key = keys.get(i);
                int value = key.length() + 1;
                if (!part.startsWith(key) || part.length() <= value || part.charAt(key.length()) != '=') {
                    throw malformed(tag, keys, quote(line));
                }
                fields.put(key, part.substring(value));
            }
            return fields;
        }

        private static IllegalArgumentException malformed(String tag, List<String> keys, String got) {
            return new IllegalArgumentException("malformed " + tag + ": expected '" + tag + " " + String.join("=... ", keys)
                    + "=...' but got " + got);
        }

        static String quote(String text) {
            String shown = text.length() <= 80 ? text : text.substring(0, 80) + "...";
            return "'" + shown + "'";
        }
    }
}
