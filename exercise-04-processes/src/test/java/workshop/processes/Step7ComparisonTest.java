package workshop.processes;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.processes.JobChecks.JOB_BUDGET;
import static workshop.processes.JobChecks.runWithin;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.StepFigures;
import workshop.trip.nightly.Chunk;
import workshop.trip.nightly.FareForecast;
import workshop.trip.nightly.NightlyReport;
import workshop.trip.nightly.NightlySettings;

@Step(7)
@DisplayName("Step 7: threads, processes, or neither")
class Step7ComparisonTest {

    /** A chunk of 50 routes at this many scenarios takes about 50 ms on one core of the lesson's machine. */
    static final int SCENARIOS = 550;

    @Nested
    @DisplayName("when the same chunks run three ways")
    class WhenTheSameChunksRunThreeWays {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void all_three_agree_and_the_figures_are_printed() throws Exception {
            // GIVEN two chunks, and this JVM's compiler warmed up on them
            List<Chunk> chunks = FareForecast.plan(100, 2, SCENARIOS);
            Comparison.sequential(chunks);

            // WHEN
            Timed<Long> sequential = Comparison.timed(() -> Comparison.sequential(chunks));
            Timed<Long> threads = Comparison.timed(() -> Comparison.onThreads(chunks));
            Timed<NightlyReport> processes = runWithin(JOB_BUDGET, NightlySettings.defaults().withWorkers(2), chunks);

            // THEN
            String figures = Comparison.table(sequential.took(), threads.took(), processes);
            System.out.println(figures);
            StepFigures.keep(7, figures); // ./workshop watch and status show them too
            assertThat(processes.value().lowestFareTotal()).as("the processes' answer").isEqualTo(sequential.value());
            assertThat(threads.value()).as("the threads' answer").isEqualTo(sequential.value());
        }
    }

    /** The two in-process ways to compute the chunks, and the table that compares them to the job. */
    static final class Comparison {

        private Comparison() {
        }

        static long sequential(List<Chunk> chunks) {
            return chunks.stream().mapToLong(FareForecast::lowestFareTotal).sum();
        }

        static long onThreads(List<Chunk> chunks) throws Exception {
            try (var threads = java.util.concurrent.Executors.newFixedThreadPool(chunks.size())) {
                var totals = threads.invokeAll(chunks.stream()
                        .map(chunk -> (java.util.concurrent.Callable<Long>) () -> FareForecast.lowestFareTotal(chunk)).toList());
                long sum = 0;
                for (var total : totals) {
                    sum += total.get();
                }
                return sum;
            }
        }

        static <T> Timed<T> timed(java.util.concurrent.Callable<T> work) throws Exception {
            long start = System.nanoTime();
            T value = work.call();
            return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
        }

        static String table(Duration sequential, Duration threads, Timed<NightlyReport> processes) {
            var results = processes.value().results();
            Duration computing = results.isEmpty() ? Duration.ZERO : Duration.between(
                    results.stream().map(r -> r.started()).min(java.util.Comparator.naturalOrder()).orElseThrow(),
                    results.stream().map(r -> r.finished()).max(java.util.Comparator.naturalOrder()).orElseThrow());
            return String.format(Locale.ROOT, """
                    
                      the same %d chunks, on %d cores:
                        one thread (sequential)     %6d ms
                        one thread per chunk        %6d ms   speed-up %.2f
                        one process per chunk       %6d ms   speed-up %.2f   (of which computing: %d ms)
                    """, results.size(), Runtime.getRuntime().availableProcessors(),
                    sequential.toMillis(),
                    threads.toMillis(), ratio(sequential, threads),
                    processes.took().toMillis(), ratio(sequential, processes.took()), computing.toMillis());
        }

        static double ratio(Duration reference, Duration measured) {
            return measured.isZero() ? 0 : (double) reference.toNanos() / measured.toNanos();
        }
    }
}
