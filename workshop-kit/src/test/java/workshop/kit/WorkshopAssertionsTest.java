package workshop.kit;

import static workshop.kit.WorkshopAssertions.assertInFlightTogether;
import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertThatCode;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.assertTookAtMost;
import static workshop.kit.WorkshopAssertions.awaitThat;
import static workshop.kit.WorkshopAssertions.catchThrowable;
import static workshop.kit.WorkshopAssertions.failureWithin;
import static workshop.kit.WorkshopAssertions.timedWithin;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import workshop.kit.WorkshopAssertions.Timed;

@DisplayName("The teaching assertions")
class WorkshopAssertionsTest {

    @Nested
    @DisplayName("timedWithin, guarding a call")
    class TimedWithin {

        @Test
        void returns_the_value_and_how_long_it_took() throws Exception {
            Timed<String> timed = timedWithin(Budgets.GUARD, "a short call", () -> {
                Thread.sleep(Budgets.SHORT_LATENCY);
                return "done";
            });

            assertThat(timed.value()).isEqualTo("done");
            assertTookAtLeast(timed.took(), Budgets.SHORT_LATENCY, "the call sleeps that long");
        }

        @Test
        void rethrows_the_calls_exception_as_it_is() {
            IOException thrown = new IOException("connection refused");

            assertThat(catchThrowable(() -> timedWithin(Budgets.GUARD, "a failing call", () -> {
                throw thrown;
            }))).isSameAs(thrown);
        }

        @Test
        void fails_on_time_with_a_teaching_message_even_when_the_call_ignores_interrupts() throws Exception {
            // GIVEN a call that ignores interrupts and ends only when the test lets it
            CountDownLatch letGo = new CountDownLatch(1);
            long start = System.nanoTime();

            // WHEN it is guarded with the short latency as budget
            Throwable failure = catchThrowable(() -> timedWithin(Budgets.SHORT_LATENCY, "the stubborn call", () -> {
                while (letGo.getCount() > 0) {
                    try {
                        letGo.await();
                    } catch (InterruptedException ignored) {
                        // ignores interrupts, as careless code does
                    }
                }
                return null;
            }));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            letGo.countDown();

            // THEN the guard failed on time, saying what overran, and no guess at why
            assertThat(failure).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected the stubborn call to finish within " + Budgets.describe(Budgets.SHORT_LATENCY)
                            + ", but it was still running then")
                    .hasMessageNotContaining("without a timeout");
            assertTookAtMost(took, Budgets.SHORT_LATENCY.plus(Budgets.SLACK), "the guard must not wait for the call");
            assertThat(failure).as("a budget under the hang guard, missed: maybe slow, not stuck").isNotInstanceOf(StillRunningError.class);
        }

        @Test
        void says_when_a_call_that_overran_ended_when_asked_to_watch_longer() {
            // GIVEN a call that takes three short latencies
            Duration takes = Budgets.times(3, Budgets.SHORT_LATENCY);

            // WHEN it is guarded with one short latency, and watched for a slack longer
            Throwable failure = catchThrowable(() -> timedWithin(Budgets.SHORT_LATENCY, Budgets.SLACK, "the slow call", () -> {
                Thread.sleep(takes.toMillis());
                return null;
            }));

            // THEN the message says that it overran, and that it ended later: slow, not stuck
            assertThat(failure).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected the slow call to finish within " + Budgets.describe(Budgets.SHORT_LATENCY))
                    .hasMessageContaining(" It ended after ");
        }

        /** A duration as {@link Budgets#describe} writes it ("12 ms", "1.3 s"), in milliseconds. */
        private static double millis(String described) {
            String[] parts = described.split(" ");
            return Double.parseDouble(parts[0]) * (parts[1].equals("s") ? 1000 : 1);
        }

        @Test
        void says_a_busy_machine_does_not_explain_an_overrun_only_when_the_machine_stalled_less_than_it() {
            // GIVEN a call that never ends, guarded with one short latency
            // WHEN it overruns
            Throwable failure = catchThrowable(() -> timedWithin(Budgets.SHORT_LATENCY, "the stuck call", () -> {
                Thread.sleep(Budgets.GUARD.toMillis());
                return null;
            }));

            // THEN it says how much longer it was seen running; it is taken as the code's own overrun exactly when
            // the message shows the machine's stall meanwhile, shorter than the overrun
            assertThat(failure).isInstanceOf(AssertionError.class).isNotInstanceOf(StillRunningError.class)
                    .hasMessageContaining(" It was still running ");
            if (failure instanceof OverrunError) {
                java.util.regex.Matcher figures = java.util.regex.Pattern.compile(
                        "It was still running ([\\d.]+ m?s) later\\. Meanwhile the machine held work back for ([\\d.]+ m?s) in all")
                        .matcher(failure.getMessage());
                assertThat(figures.find()).as(failure.getMessage()).isTrue();
                assertThat(millis(figures.group(2))).isLessThanOrEqualTo(millis(figures.group(1)));
            } else {
                assertThat(failure.getMessage()).doesNotContain("does not explain");
            }
            assertThat(MachinePressure.now().isPresent() || !(failure instanceof OverrunError)).as("no claim without a measure").isTrue();
        }

        @Test
        void reads_the_virtual_threads_and_their_frames_from_a_plain_text_thread_dump() {
            // GIVEN a dump as JDK 25 writes it (JDK 21 writes the frames without "at ")
            List<String> dump = List.of("12345", "", "#1 \"main\" WAITING", "    at java.base/java.lang.Object.wait0(Native Method)", "",
                    "#31 \"\" virtual WAITING 2026-01-01T00:00:00Z",
                    "    at java.base/java.util.concurrent.CompletableFuture.join(CompletableFuture.java:2138)",
                    "    - parking to wait for <java.util.concurrent.CompletableFuture$Signaller@1>",
                    "    at workshop.processes.WorkerProcess.destroyTree(WorkerProcess.java:130)", "",
                    "#32 \"worker 7 stdout\" virtual", "      java.base/java.io.FileInputStream.readBytes(Native Method)");

            // WHEN
            var threads = StillRunning.virtualThreadsOf(dump);

            // THEN
            assertThat(threads).extracting(java.util.Map.Entry::getKey).containsExactly("virtual thread #31", "virtual thread 'worker 7 stdout'");
            assertThat(threads.getFirst().getValue()).extracting(StackTraceElement::toString).containsExactly(
                    "java.util.concurrent.CompletableFuture.join(CompletableFuture.java:2138)",
                    "workshop.processes.WorkerProcess.destroyTree(WorkerProcess.java:130)");
        }

        @Test
        void names_the_processes_still_alive_when_the_call_overran() throws Exception {
            // GIVEN a call that starts a process and waits for it, longer than its budget
            Process[] started = new Process[1];
            try {
                // WHEN it is guarded with the short latency as budget
                Throwable failure = catchThrowable(() -> timedWithin(Budgets.SHORT_LATENCY, "the job", () -> {
                    started[0] = new ProcessBuilder("sleep", "30").start();
                    return started[0].waitFor();
                }));

                // THEN the message shows the process that still lived at that moment, by its pid and command
                assertThat(failure).hasMessageContaining("At that moment:")
                        .hasMessageContaining("1 process(es) started by the code still alive (pid " + started[0].pid())
                        .hasMessageContaining("sleep");
            } finally {
                if (started[0] != null) {
                    started[0].destroyForcibly().waitFor();
                }
            }
        }

        @Test
        void ends_a_hang_guard_early_with_the_detectors_reason_once_a_deadlock_is_seen() throws Exception {
            // GIVEN a call that waits forever, and a detector that sees the deadlock once the call is waiting
            CountDownLatch waiting = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            long start = System.nanoTime();
            Throwable failure;

            // WHEN it is guarded by the hang guard while the detector is registered
            try (Deadlocks.Watch watch = Deadlocks.watch(() -> waiting.getCount() == 0
                    ? Optional.of("the worker waits for itself") : Optional.empty())) {
                failure = catchThrowable(() -> timedWithin(Budgets.GUARD, "the knotted call", () -> {
                    waiting.countDown();
                    never.await();
                    return null;
                }));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // THEN the guard failed long before its end, as a hang, with the detector's reason
            assertThat(failure).isInstanceOf(StillRunningError.class)
                    .hasMessage("expected the knotted call to finish within " + Budgets.describe(Budgets.GUARD)
                            + ", but it never can: the worker waits for itself");
            assertTookAtMost(took, Budgets.SLACK, "the detector saw the deadlock at once");
        }

        @Test
        void asks_no_detector_under_a_tighter_budget() {
            try (Deadlocks.Watch watch = Deadlocks.watch(() -> Optional.of("always"))) {
                assertThat(catchThrowable(() -> timedWithin(Budgets.SHORT_LATENCY, "the slow call", () -> {
                    Thread.sleep(Budgets.SLACK);
                    return null;
                }))).isNotInstanceOf(StillRunningError.class).hasMessageContaining("still running then");
            }
        }

        @Test
        void calls_an_overrun_of_a_hang_guard_a_hang_and_one_of_a_tighter_budget_not() {
            assertThat(WorkshopAssertions.overran(Budgets.GUARD, "the page", "")).isInstanceOf(StillRunningError.class)
                    .hasMessageStartingWith("expected the page to finish within " + Budgets.describe(Budgets.GUARD));
            assertThat(WorkshopAssertions.overran(Budgets.GUARD.multipliedBy(2), "the job", "")).isInstanceOf(StillRunningError.class);
            assertThat(WorkshopAssertions.overran(Budgets.GUARD.minusMillis(1), "the page", "")).isNotInstanceOf(StillRunningError.class);
        }
    }

    @Nested
    @DisplayName("failureWithin, expecting a call to fail")
    class FailureWithin {

        @Test
        void returns_what_the_call_threw() {
            IllegalStateException thrown = new IllegalStateException("weather API: status 500");

            assertThat(failureWithin(Budgets.GUARD, "a failing call", () -> {
                throw thrown;
            })).isSameAs(thrown);
        }

        @Test
        void fails_when_the_call_returns() {
            assertThat(catchThrowable(() -> failureWithin(Budgets.GUARD, "the dashboard", () -> "a dashboard")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("expected the dashboard to fail, but it returned a dashboard");
        }

        @Test
        void fails_when_the_call_overruns_rather_than_returning_the_guards_message() {
            CountDownLatch letGo = new CountDownLatch(1);

            Throwable failure = catchThrowable(() -> failureWithin(Budgets.SHORT_LATENCY, "the hanging call", () -> {
                letGo.await();
                return null;
            }));
            letGo.countDown();

            assertThat(failure).isInstanceOf(AssertionError.class).hasMessageStartingWith("expected the hanging call to finish within");
        }
    }

    @Nested
    @DisplayName("awaitThat, waiting for a condition")
    class AwaitThat {

        @Test
        void returns_once_the_condition_holds_looking_from_the_calling_thread() {
            Thread caller = Thread.currentThread();
            AtomicInteger looks = new AtomicInteger();

            awaitThat("the third look", Budgets.GUARD, () -> Thread.currentThread() == caller && looks.incrementAndGet() == 3,
                    () -> "never seen");

            assertThat(looks).hasValue(3);
        }

        @Test
        void fails_with_the_message_worked_out_when_the_budget_has_passed() {
            AtomicInteger looks = new AtomicInteger();

            Throwable failure = catchThrowable(() -> awaitThat("a call in flight", Budgets.SHORT_LATENCY,
                    () -> looks.incrementAndGet() < 0, () -> "expected a call in flight, looked " + (looks.get() > 1 ? "often" : "once")));

            assertThat(failure).isExactlyInstanceOf(AssertionError.class).hasMessage("expected a call in flight, looked often");
        }
    }

    @Nested
    @DisplayName("the in-flight assertions")
    class InFlight {

        CallProbe probeThatSaw(int together) {
            CallProbe probe = new CallProbe();
            var calls = new java.util.ArrayList<CallProbe.Call>();
            for (int i = 0; i < together; i++) {
                calls.add(probe.begin("call " + i));
            }
            calls.forEach(call -> call.end("200"));
            return probe;
        }

        @Test
        void assertInFlightTogether_says_the_calls_ran_one_after_another_and_gives_the_fix() {
            assertThat(catchThrowable(() -> assertInFlightTogether(probeThatSaw(1), 3, "Start all three calls before waiting.")))
                    .as("a count of calls: a failure no busy machine causes").isInstanceOf(CallCountError.class)
                    .hasMessage("expected 3 calls in flight at once, saw at most 1: the calls ran one after another."
                            + " Start all three calls before waiting.");
            assertThat(catchThrowable(() -> assertInFlightTogether(probeThatSaw(2), 3, "Fix.")))
                    .hasMessageContaining("saw at most 2: only some calls overlapped");
            assertThatCode(() -> assertInFlightTogether(probeThatSaw(3), 3, "Fix.")).doesNotThrowAnyException();
        }

        @Test
        void assertNeverMoreInFlightThan_names_the_limit_and_what_was_seen() {
            assertThat(catchThrowable(() -> assertNeverMoreInFlightThan(probeThatSaw(5), 4, "Use a pool of 4.")))
                    .isInstanceOf(CallCountError.class)
                    .hasMessage("expected at most 4 calls in flight at once, saw 5. Use a pool of 4.");
            assertThatCode(() -> assertNeverMoreInFlightThan(probeThatSaw(4), 4, "Fix.")).doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("the duration assertions")
    class Durations {

        @Test
        void assertTookAtLeast_says_the_floor_its_reason_and_the_time_measured() {
            assertThat(catchThrowable(() -> assertTookAtLeast(Duration.ofMillis(150), Duration.ofMillis(800), "four calls of 200 ms")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("expected it to take at least 800 ms (four calls of 200 ms), but it took 150 ms.");
            assertThatCode(() -> assertTookAtLeast(Duration.ofMillis(800), Duration.ofMillis(800), "x")).doesNotThrowAnyException();
        }

        @Test
        void assertTookAtMost_adds_the_callers_evidence() {
            assertThat(catchThrowable(() -> assertTookAtMost(Duration.ofMillis(2_400), Duration.ofMillis(1_200), "Four calls of 300 ms were each seen alone in flight.")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("expected it to take at most 1.2 s, but it took 2.4 s. Four calls of 300 ms were each seen alone in flight.");
            assertThatCode(() -> assertTookAtMost(Duration.ofMillis(1_200), Duration.ofMillis(1_200), "x")).doesNotThrowAnyException();
        }
    }
}
