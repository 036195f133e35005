package workshop.kit.check;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertTookAtMost;
import static workshop.kit.WorkshopAssertions.timedWithin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import workshop.kit.Budgets;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.kit.check.CheckOutcome.Status;

/**
 * Checks run in a JVM of their own. Each case forks a JVM on this JVM's class path and runs one of
 * the sample classes below (disabled in normal runs; the fork switches {@code @Disabled} off).
 */
@DisplayName("A forked check run")
class ForkedCheckRunTest {

    /** Where a sample writes the pid of the process it starts (in the fork's working directory). */
    static final String CHILD_PID = "child.pid";

    @TempDir
    Path work;

    Timed<ForkedCheckRun.Result> run(Class<?> sample, Duration limit) throws Exception {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        ForkedCheckRun fork = new ForkedCheckRun(classpath, List.of(sample.getName()), limit,
                Map.of(SampleRun.DEACTIVATE, SampleRun.DISABLED_CONDITION), work);
        Timed<ForkedCheckRun.Result> timed = timedWithin(limit.plus(Budgets.GUARD), "a forked run of " + sample.getSimpleName(), fork::run);
        assertTookAtMost(timed.took(), limit.plus(Budgets.SLACK.multipliedBy(5)),
                "the run must end at its limit, with a few seconds to kill the process tree and read the report");
        return timed;
    }

    /** The pid of the process the sample started, if it got as far as writing it. */
    Optional<Long> pidOfTheSamplesProcess() throws IOException {
        Path pidFile = work.resolve(CHILD_PID);
        return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).strip())) : Optional.empty();
    }

    /**
     * Asserts that the sample's process has ended, and kills it if not, so that it does not outlive
     * the test. A process killed with its parent stays a zombie until init reaps it, and
     * {@link ProcessHandle#isAlive} counts zombies as alive, so this waits up to
     * {@link Budgets#SETTLE} for it to be gone.
     */
    void assertTheSamplesProcessIsGone(long pid, String situation) throws Exception {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return;
        }
        try {
            process.get().onExit().get(Budgets.SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillThere) {
            process.get().destroyForcibly();
            throw new AssertionError("expected the process the checks started (pid " + pid + ") to be killed with the run when "
                    + situation + ", but it still ran " + Budgets.describe(Budgets.SETTLE) + " afterwards");
        }
    }

    @AfterEach
    void nothing_is_left_running() throws Exception {
        pidOfTheSamplesProcess().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("processes left by the forked run")
                .isEmpty();
    }

    @Nested
    @DisplayName("when the checks are only listed")
    class WhenTheChecksAreOnlyListed {

        @Test
        void each_is_reported_with_its_kind_points_and_step_and_none_runs() throws Exception {
            // GIVEN the sample whose last check starts a process and calls System.exit
            List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(Path::of).toList();
            ForkedCheckRun fork = new ForkedCheckRun(classpath, List.of(ExitsTheJvm.class.getName()), Budgets.GUARD,
                    Map.of(SampleRun.DEACTIVATE, SampleRun.DISABLED_CONDITION), work);

            // WHEN its checks are listed
            List<CheckOutcome> listed = fork.list();

            // THEN all three are there, in order, each as listed and with what it is worth
            assertThat(listed).extracting(CheckOutcome::method).containsExactly("a_passes", "b_fails", "c_exits");
            assertThat(listed).extracting(CheckOutcome::status).containsOnly(Status.SKIPPED);
            assertThat(listed).extracting(CheckOutcome::message).containsOnly(CheckRecorder.LISTED);
            assertThat(listed).extracting(CheckOutcome::kind).containsExactly("correctness", "timing", "correctness");
            assertThat(listed).extracting(CheckOutcome::points).containsExactly(2, 1, 1);
            assertThat(listed).extracting(CheckOutcome::step).containsOnly(4);
            // AND none ran: the exiting check started no process
            assertThat(pidOfTheSamplesProcess()).as("the pid file of a check that should not have run").isEmpty();
        }
    }

    @Nested
    @DisplayName("when a check calls System.exit")
    class WhenACheckCallsSystemExit {

        @Test
        void that_check_fails_with_the_reason_its_process_is_killed_and_the_checks_before_it_keep_their_outcomes()
                throws Exception {
            // GIVEN a sample whose third check starts `sleep 60`, then calls System.exit(3)
            // WHEN it runs in a fork
            ForkedCheckRun.Result result = run(ExitsTheJvm.class, Budgets.GUARD).value();

            // THEN the run reports the exit code, and each check as far as it came
            assertThat(result.exitCode()).as("exit code of the forked run; its output:%n%s", result.output()).isEqualTo(3);
            List<CheckOutcome> outcomes = result.outcomes();
            assertThat(outcomes).extracting(CheckOutcome::method)
                    .as("checks reported; the run's output:%n%s", result.output())
                    .containsExactly("a_passes", "b_fails", "c_exits");
            assertThat(outcomes.get(0).status()).isEqualTo(Status.PASSED);
            assertThat(outcomes.get(0).kind()).isEqualTo("correctness");
            assertThat(outcomes.get(0).points()).isEqualTo(2);
            assertThat(outcomes.get(0).step()).isEqualTo(4);
            assertThat(outcomes.get(1).status()).isEqualTo(Status.FAILED);
            assertThat(outcomes.get(1).kind()).isEqualTo("timing");
            assertThat(outcomes.get(1).message()).isEqualTo("expected 3 calls in flight at once, saw at most 1");
            assertThat(outcomes.get(2).status()).isEqualTo(Status.FAILED);
            assertThat(outcomes.get(2).message())
                    .startsWith("the test JVM ended (exit code 3) while this check was running")
                    .contains("System.exit");
            // AND the process the exiting check started did not outlive the run
            long pid = pidOfTheSamplesProcess().orElseThrow(() -> new AssertionError(
                    "the exiting check wrote no pid; the run's output:\n" + result.output()));
            assertTheSamplesProcessIsGone(pid, "the checks called System.exit");
        }
    }

    @Nested
    @DisplayName("when a check never ends and ignores interrupts")
    class WhenACheckNeverEnds {

        @Test
        void the_run_stops_at_its_limit_the_check_fails_with_the_reason_and_no_process_is_left() throws Exception {
            // GIVEN how long a fork takes to start and run one quick check on this machine, now
            Timed<ForkedCheckRun.Result> quick = run(PassesQuickly.class, Budgets.GUARD);
            assertThat(quick.value().exitCode()).as("exit code of a run whose checks all passed").isZero();
            assertThat(quick.value().outcomes()).extracting(CheckOutcome::status).containsExactly(Status.PASSED);
            // ... and a limit well above that, so that the endless check surely starts before it
            Duration limit = quick.took().multipliedBy(3).plus(Budgets.SLACK);

            // WHEN a sample that starts `sleep 60`, then loops forever ignoring interrupts, runs with that limit
            ForkedCheckRun.Result result = run(LoopsForever.class, limit).value();

            // THEN the run was stopped at its limit
            Optional<Long> pid = pidOfTheSamplesProcess();
            assertThat(pid)
                    .withFailMessage("the sample never reached its loop within %s (three times a quick run, plus slack):"
                            + " the machine's load changed a lot meanwhile? Checks reported: %s; output:%n%s",
                            Budgets.describe(limit), result.outcomes(), result.output())
                    .isPresent();
            assertThat(result.exitCode()).as("exit code of a run stopped at its limit").isEqualTo(-1);
            // AND the endless check failed, saying why
            assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
                assertThat(outcome.method()).isEqualTo("loops_ignoring_interrupts");
                assertThat(outcome.status()).isEqualTo(Status.FAILED);
                assertThat(outcome.message()).startsWith("stopped after ").contains("the run's hard limit")
                        .contains("never finished");
            });
            // AND the process it started was killed with it
            assertTheSamplesProcessIsGone(pid.orElseThrow(), "the run hit its limit");
        }
    }

    @Nested
    @DisplayName("when a check runs a model check")
    class WhenACheckRunsAModelCheck {

        @Test
        void its_failure_says_what_happened_and_the_jvm_prints_no_warning_about_the_checkers_agent() throws Exception {
            // GIVEN a sample that model-checks a plain int counter
            // WHEN it runs in a fork (which starts with the test JVM options)
            ForkedCheckRun.Result result = run(ModelChecksAPlainCounter.class, Budgets.GUARD).value();

            // THEN the check fails with the lost update in its first line
            assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
                assertThat(outcome.status()).isEqualTo(Status.FAILED);
                assertThat(outcome.message().lines().findFirst().orElse(""))
                        .startsWith("two increment() calls at the same time, then value() gave 1: thread");
            });
            // AND the JVM said nothing about loading an agent, the class data it could not share, or sun.misc.Unsafe
            assertThat(result.output()).as("the forked run's output").doesNotContain("WARNING").doesNotContain("warning:");
        }
    }

    // ---- samples: run only in a fork ----

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    @Step(4)
    static class ModelChecksAPlainCounter {

        /** Reads, adds and writes in three steps. */
        public static final class PlainCounter {
            private int value;

            public void increment() {
                value++;
            }

            public int value() {
                return value;
            }
        }

        @CorrectnessCheck
        void two_increments_count_two() {
            workshop.kit.ModelCheck.of(PlainCounter.class, "two increment() calls at the same time")
                    .thread("increment")
                    .thread("increment")
                    .after("value")
                    .assertNoInterleavingBreaksIt();
        }
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    @Step(4)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ExitsTheJvm {
        @CorrectnessCheck(points = 2)
        void a_passes() {
        }

        @TimingCheck
        void b_fails() {
            throw new AssertionError("expected 3 calls in flight at once, saw at most 1");
        }

        @CorrectnessCheck
        void c_exits() throws IOException {
            Process child = new ProcessBuilder("sleep", "60").start();
            Files.writeString(Path.of(CHILD_PID), String.valueOf(child.pid()));
            System.exit(3);
        }
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class PassesQuickly {
        @CorrectnessCheck
        void passes() {
        }
    }

    @Disabled(SampleRun.ONLY_THROUGH_SAMPLE_RUN)
    static class LoopsForever {
        @Test
        void loops_ignoring_interrupts() throws IOException {
            Process child = new ProcessBuilder("sleep", "60").start();
            Files.writeString(Path.of(CHILD_PID), String.valueOf(child.pid()));
            while (true) {
                try {
                    Thread.sleep(Budgets.SHORT_LATENCY);
                } catch (InterruptedException ignored) {
                    // a check that ignores interrupts: only the run's limit can stop it
                }
            }
        }
    }
}
