package workshop.cli.compare;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows how far the lab is, on standard error: a bar redrawn in place on a terminal, one line per
 * step otherwise (a log, a test).
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private String phase = "";
    private int total;
    private int done;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Starts counting {@code total} steps of {@code phase}. */
    void start(String phase, int total) {
        this.phase = phase;
        this.total = total;
        this.done = 0;
        draw("starting");
    }

    /** One step done; {@code next} says what runs now. */
    void step(String next) {
        done = Math.min(total, done + 1);
        draw(next);
    }

    /** Ends the phase's bar with a closing remark. */
    void finish(String remark) {
        done = total;
        draw(remark);
        if (terminal) {
            err.println();
        }
        err.flush();
    }

    /** Something without steps is still running (a build): says what and for how long. */
    void waiting(String what, Duration sofar) {
        if (terminal) {
            err.print("\r\u001b[K" + what + " ... " + seconds(sofar));
            err.flush();
        } else if (sofar.toSeconds() % 10 == 0) {
            err.println(what + " ... " + seconds(sofar));
            err.flush();
        }
    }

    /** Something without steps ended. */
    void done(String what, Duration took) {
        err.print((terminal ? "\r\u001b[K" : "") + what + ": done in " + seconds(took));
        err.println();
        err.flush();
    }

    private void draw(String detail) {
        int filled = total == 0 ? WIDTH : WIDTH * done / total;
        String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + "  " + phase
                + (detail.isEmpty() ? "" : ": " + detail);
        if (terminal) {
            err.print("\r\u001b[K" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
