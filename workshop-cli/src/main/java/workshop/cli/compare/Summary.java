package workshop.cli.compare;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The medians of a model's measured runs, and the timeline of its median run.
 *
 * @param runs           how many runs the medians are taken over
 * @param wall           median wall time
 * @param cpu            median CPU time
 * @param threadsStarted median platform threads started
 * @param peakThreads    median of the most platform threads alive at once, beyond those alive before the run
 * @param peakHeapBytes  median peak heap use
 * @param bars           the timeline of the run whose wall time is the median
 * @param served         for a server, what its clients got: medians of the runs' rates and latencies, and every
 *                       run's answers; empty for other workloads
 */
record Summary(int runs, Duration wall, Duration cpu, long threadsStarted, long peakThreads, long peakHeapBytes, List<Bar> bars,
               Optional<Served> served) {

    static Summary of(List<RunMeasurement> measured) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("no run to summarise");
        }
        RunMeasurement medianRun = measured.stream().sorted(Comparator.comparing(RunMeasurement::wall))
                .toList().get((measured.size() - 1) / 2);
        return new Summary(measured.size(), medianRun.wall(),
                Duration.ofNanos(median(measured, run -> run.cpu().toNanos())),
                median(measured, RunMeasurement::threadsStarted),
                median(measured, RunMeasurement::peakThreads),
                median(measured, RunMeasurement::peakHeapBytes),
                medianRun.bars(),
                served(measured));
    }

    private static Optional<Served> served(List<RunMeasurement> measured) {
        List<Optional<Served>> runs = measured.stream().map(run -> Served.of(run.bars())).toList();
        return runs.stream().allMatch(Optional::isPresent) ? Optional.of(Served.median(runs.stream().map(Optional::get).toList()))
                : Optional.empty();
    }

    /** The middle value; of an even count, the lower of the two middle ones (a value that was measured). */
    private static long median(List<RunMeasurement> measured, ToLongFunction<RunMeasurement> value) {
        long[] sorted = measured.stream().mapToLong(value).sorted().toArray();
        return sorted[(sorted.length - 1) / 2];
    }

    /** This summary's wall time in multiples of {@code ideal}. */
    double ratioTo(Duration ideal) {
        return (double) wall.toNanos() / ideal.toNanos();
    }
}
