package workshop.kit.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one check, as the progress report, the instructor check and the grader read it.
 * Stored one per line, tab-separated, so that a report survives a JVM that dies half-way.
 *
 * @param id      {@code class#method}, the check's stable id
 * @param name    the check as a sentence: class, nested and method display names joined by " > "
 * @param status  how it ended
 * @param kind    {@code correctness}, {@code timing}, or {@code ungraded}
 * @param points  points it is worth (0 when ungraded)
 * @param onStub  what it is declared to do against the stub
 * @param step    the lesson step it belongs to (0 when none)
 * @param timesComputation it times CPU-bound work and needs the full JIT ({@link TimingCheck#timesComputation()})
 * @param message the failure's teaching message; empty when it passed
 * @param loadIndependent it failed in a way no busy machine causes ({@link workshop.kit.LoadIndependentFailure}):
 *                a hang, or a wrong count of calls in flight
 */
public record CheckOutcome(
        String id, String name, Status status, String kind, int points, OnStub onStub, int step, boolean timesComputation,
        String message, boolean loadIndependent) {

    /** How a check ended. */
    public enum Status { PASSED, FAILED, SKIPPED, RUNNING }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** The same outcome with another status and message. */
    public CheckOutcome with(Status status, String message) {
        return new CheckOutcome(id, name, status, kind, points, onStub, step, timesComputation, message, false);
    }

    /** The same outcome, failed in a way no busy machine causes. */
    CheckOutcome failedRegardlessOfLoad(String message) {
        return new CheckOutcome(id, name, Status.FAILED, kind, points, onStub, step, timesComputation, message, true);
    }

    /** The check's method name, the part of the id after {@code #}. */
    public String method() {
        return id.substring(id.indexOf('#') + 1);
    }

    /** The check's class's simple name, nested classes included ({@code Test$WhenX} gives {@code Test.WhenX}). */
    public String simpleClass() {
        String className = id.substring(0, id.indexOf('#'));
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** This outcome as one line of a report, as {@link #read} reads it. */
    public String toLine() {
        return String.join("\t", escape(id), escape(name), status.name(), kind, String.valueOf(points),
                onStub.name(), String.valueOf(step), String.valueOf(timesComputation), escape(message), String.valueOf(loadIndependent));
    }

    static CheckOutcome fromLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 10) {
            throw new IllegalArgumentException("not a check outcome line: " + line);
        }
        return new CheckOutcome(unescape(f[0]), unescape(f[1]), Status.valueOf(f[2]), f[3],
                Integer.parseInt(f[4]), OnStub.valueOf(f[5]), Integer.parseInt(f[6]), Boolean.parseBoolean(f[7]), unescape(f[8]),
                Boolean.parseBoolean(f[9]));
    }

    /** Reads a report; for a check reported twice (running, then finished) the last line wins. */
    public static List<CheckOutcome> read(Path report) throws IOException {
        var byId = new java.util.LinkedHashMap<String, CheckOutcome>();
        for (String line : Files.readAllLines(report)) {
            if (!line.isBlank()) {
                CheckOutcome outcome = fromLine(line);
                byId.put(outcome.id(), outcome);
            }
        }
        return new ArrayList<>(byId.values());
    }

    static String kindOf(String tag) {
        return tag == null ? "ungraded" : tag.toLowerCase(Locale.ROOT);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "");
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
