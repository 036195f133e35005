package workshop.cli.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * Measures one run: wall time, CPU time (this JVM's, plus its finished children's where the
 * system tells), platform threads started, the most platform threads alive at once, and peak heap use.
 *
 * <p>Children's CPU time comes from {@code /proc/self/stat} (Linux: the CPU time of the children
 * this JVM has waited for, which the JDK does as soon as one ends); elsewhere it is left out.
 */
final class Meter {

    /** Linux reports children's CPU time in clock ticks of 1/100 s ({@code getconf CLK_TCK}). */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path OWN_STAT = Path.of("/proc/self/stat");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid()).toList();

    /** Runs {@code trial} once from a freshly collected heap and measures it. */
    RunMeasurement measure(Trial trial) throws Exception {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long threadsBefore = threads.getTotalStartedThreadCount();
        threads.resetPeakThreadCount();
        long aliveBefore = threads.getThreadCount();
        long cpuBefore = processCpuNanos();
        OptionalLong childrenBefore = childrenCpuNanos();
        RunStart start = RunStart.now();

        Callable<List<Bar>> timeline = trial.run(start);

        long wall = System.nanoTime() - start.nanoTime();
        long cpu = processCpuNanos() - cpuBefore;
        OptionalLong childrenAfter = childrenCpuNanos();
        if (childrenBefore.isPresent() && childrenAfter.isPresent()) {
            cpu += childrenAfter.getAsLong() - childrenBefore.getAsLong();
        }
        long threadsStarted = threads.getTotalStartedThreadCount() - threadsBefore;
        long peakThreads = Math.max(0, threads.getPeakThreadCount() - aliveBefore);
        long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage() == null ? 0 : pool.getPeakUsage().getUsed()).sum();
        return new RunMeasurement(Duration.ofNanos(wall), Duration.ofNanos(cpu), threadsStarted, peakThreads, peakHeap,
                timeline.call());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** {@code cutime + cstime} of {@code /proc/self/stat}, fields 16 and 17, counted after the command name's closing parenthesis. */
    private static OptionalLong childrenCpuNanos() {
        if (!Files.isReadable(OWN_STAT)) {
            return OptionalLong.empty();
        }
        try {
            String stat = Files.readString(OWN_STAT);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): field n is fields[n - 3]
            return OptionalLong.of((Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
