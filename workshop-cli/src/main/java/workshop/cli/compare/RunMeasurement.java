package workshop.cli.compare;

import java.time.Duration;
import java.util.List;

/**
 * What one run of one model cost.
 *
 * @param wall           from start to the last answer
 * @param cpu            CPU time of this JVM (every thread, the test backends' included) plus that
 *                       of the child processes that ended during the run
 * @param threadsStarted platform threads started during the run (virtual threads are not counted)
 * @param peakThreads    the most platform threads alive at once during the run, beyond those alive before it
 * @param peakHeapBytes  the highest heap use during the run: the sum of the heap pools' peaks
 * @param bars           one bar per call or chunk
 */
record RunMeasurement(Duration wall, Duration cpu, long threadsStarted, long peakThreads, long peakHeapBytes, List<Bar> bars) {

    RunMeasurement {
        bars = List.copyOf(bars);
    }
}
