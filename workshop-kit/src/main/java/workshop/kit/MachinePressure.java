package workshop.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long anything on this machine waited, between two moments, for a core, for memory or for
 * a disk: Linux's pressure stall information ({@code /proc/pressure/*}, the "some" totals, added up).
 *
 * <p>Whenever a thread of the code under test was held back by a busy machine, something was waiting,
 * so the stall between two moments bounds how much a busy machine can have delayed a call in that
 * time. A call that overran its budget by more than that would have overrun it on an idle machine
 * too: its failure needs no second run alone. Where the machine does not report pressure (not
 * Linux, or a kernel without it) nothing is known, and every overrun counts as possibly load.
 */
public final class MachinePressure {

    private static final List<Path> SOURCES = List.of(
            Path.of("/proc/pressure/cpu"), Path.of("/proc/pressure/memory"), Path.of("/proc/pressure/io"));

    private MachinePressure() {
    }

    /** A moment to measure from: the stall totals then. */
    public record Mark(long stalledMicros) {

        /** How long something waited since this mark; empty when the machine does not say. */
        public Optional<Duration> stalledSince() {
            return now().map(later -> Duration.ofNanos(Math.max(0, later.stalledMicros - stalledMicros) * 1_000));
        }
    }

    /** The stall totals now; empty when the machine does not report them. */
    public static Optional<Mark> now() {
        long total = 0;
        for (Path source : SOURCES) {
            Optional<Long> some = some(source);
            if (some.isEmpty()) {
                return Optional.empty();
            }
            total += some.get();
        }
        return Optional.of(new Mark(total));
    }

    /** The "some" line's total (microseconds) of one pressure file. */
    private static Optional<Long> some(Path source) {
        try {
            for (String line : Files.readAllLines(source)) {
                if (line.startsWith("some ")) {
                    for (String field : line.split(" ")) {
                        if (field.startsWith("total=")) {
                            return Optional.of(Long.parseLong(field.substring("total=".length())));
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
