package workshop.kit.check;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import workshop.kit.Budgets;

/**
 * The guards every exercise test gets. Each case runs a small sample test (a static nested class
 * below, disabled in normal runs) through {@link SampleRun} and judges how it ended.
 */
@DisplayName("The workshop guards")
class WorkshopGuardsTest {

    @Nested
    @DisplayName("when a test leaves a thread running")
    class WhenATestLeavesAThreadRunning {

        @Test
        void the_test_fails_naming_the_thread_and_the_fix() throws Exception {
            // GIVEN a sample that starts a thread and returns while it still waits
            LeavesAThreadRunning.release = new CountDownLatch(1);
            try {
                // WHEN it runs
                Throwable failure = SampleRun.onlyFailure(LeavesAThreadRunning.class, "its thread outlives it");

                // THEN it fails with the guard's teaching message
                assertThat(failure).isInstanceOf(AssertionError.class);
                assertThat(failure.getMessage())
                        .contains("1 thread(s) started during this test were still running "
                                + Budgets.describe(Budgets.SETTLE) + " after it ended: [leaky-worker]")
                        .contains("Close every ExecutorService you create");
            } finally {
                LeavesAThreadRunning.release.countDown();
                LeavesAThreadRunning.worker.join(Budgets.GUARD);
            }
        }

        @Test
        void a_thread_that_ends_within_the_settle_time_is_no_leak() {
            SampleRun.passes(LeavesAThreadThatEndsSoon.class, "its thread ends well within the settle time");
        }
    }

    @Nested
    @DisplayName("when a test leaves a process running")
    class WhenATestLeavesAProcessRunning {

        @Test
        void the_test_fails_naming_the_process_and_the_process_is_killed() throws Exception {
            try {
                // GIVEN a sample that starts `sleep 60` and returns  WHEN it runs
                Throwable failure = SampleRun.onlyFailure(LeavesAProcessRunning.class, "its process outlives it");

                // THEN it fails with the guard's teaching message, naming the process
                assertThat(failure).isInstanceOf(AssertionError.class);
                assertThat(failure.getMessage())
                        .contains("1 process(es) started during this test still ran " + Budgets.describe(Budgets.SETTLE)
                                + " after it ended: [pid " + LeavesAProcessRunning.process.pid() + " (sleep)]")
                        .contains("every process those start, must have ended when its method returns");
                // AND the process is gone, so that it cannot disturb the next test
                assertThat(LeavesAProcessRunning.process.onExit().get(Budgets.SLACK.toMillis(), TimeUnit.MILLISECONDS).isAlive())
                        .withFailMessage("expected the guard to kill the leftover process, but it still runs")
                        .isFalse();
            } finally {
                LeavesAProcessRunning.process.destroyForcibly();
            }
        }
    }

    @Nested
    @DisplayName("when a thread dies of an exception")
    class WhenAThreadDiesOfAnException {

        @Test
        void the_test_fails_naming_the_thread_and_the_exception() {
            // GIVEN a sample whose worker thread throws, and which joins it and passes otherwise
            // WHEN it runs
            Throwable failure = SampleRun.onlyFailure(LetsAThreadDie.class, "its worker died of an exception");

            // THEN it fails, naming the thread and what it died of, and how to collect failures
            assertThat(failure).isInstanceOf(AssertionError.class);
            assertThat(failure.getMessage())
                    .contains("a thread died of an exception nobody collected: failing-worker died of"
                            + " java.lang.IllegalStateException: the weather API said no")
                    .contains("Future.get()");
        }

        @Test
        void the_previous_handler_for_uncaught_exceptions_is_restored() {
            Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();

            SampleRun.onlyFailure(LetsAThreadDie.class, "its worker died of an exception");

            assertThat(Thread.getDefaultUncaughtExceptionHandler())
                    .withFailMessage("expected the guard to restore the default uncaught exception handler after the test")
                    .isSameAs(before);
        }
    }

    @Nested
    @DisplayName("when a test cleans up after itself")
    class WhenATestCleansUp {

        @Test
        void the_test_passes() {
            SampleRun.passes(CleansUp.class, "it joins its thread, closes its pool and waits for its process");
        }
    }

    // ---- samples: run only through SampleRun ----

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class LeavesAThreadRunning {
        static volatile CountDownLatch release = new CountDownLatch(0);
        static volatile Thread worker;

        @Test
        void starts_a_thread_and_returns() {
            worker = Thread.ofPlatform().name("leaky-worker").start(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class LeavesAThreadThatEndsSoon {
        @Test
        void starts_a_short_thread_and_returns() {
            Thread.ofPlatform().name("short-worker").start(() -> {
                try {
                    Thread.sleep(Budgets.SHORT_LATENCY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class LeavesAProcessRunning {
        static volatile Process process;

        @Test
        void starts_a_process_and_returns() throws IOException {
            process = new ProcessBuilder("sleep", "60").start();
        }
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class LetsAThreadDie {
        @Test
        void its_worker_throws() throws InterruptedException {
            Thread worker = Thread.ofPlatform().name("failing-worker").start(() -> {
                throw new IllegalStateException("the weather API said no");
            });
            worker.join();
        }
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class CleansUp {
        @Test
        void joins_closes_and_waits() throws Exception {
            Thread worker = Thread.ofPlatform().name("tidy-worker").start(() -> { });
            worker.join();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                pool.submit(() -> 1).get();
            }
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
        }
    }
}
