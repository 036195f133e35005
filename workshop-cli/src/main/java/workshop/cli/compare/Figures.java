package workshop.cli.compare;

import java.time.Duration;
import java.util.Locale;

/** How the table and the page write durations, sizes and ratios. */
final class Figures {

    private Figures() {
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 10_000) {
            return millis < 1_000 ? millis + " ms" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
    }

    /** Requests per second, whole above 10. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond < 10 ? "%.1f" : "%.0f", perSecond);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "%.2fx" : "%.1fx", ratio);
    }
}
