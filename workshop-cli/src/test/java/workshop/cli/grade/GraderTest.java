package workshop.cli.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.kit.check.CheckOutcome.Status;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.ForkedCheckRun;
import workshop.kit.check.OnStub;

@DisplayName("The grader, after a run beside other jobs")
class GraderTest {

    private static CheckOutcome check(String method, Status status, boolean loadIndependent) {
        return check(method, "timing", status, status == Status.PASSED ? "" : "why", loadIndependent);
    }

    private static CheckOutcome check(String method, String kind, Status status, String message, boolean loadIndependent) {
        return new CheckOutcome("workshop.sample.SampleTest#" + method, method, status, kind, 2, OnStub.FAILS, 1,
                false, message, loadIndependent);
    }

    @Test
    void runs_again_alone_every_check_that_did_not_pass_except_a_load_independent_failure() {
        ForkedCheckRun.Result shared = new ForkedCheckRun.Result(List.of(
                check("passed", Status.PASSED, false),
                check("missed_its_budget", Status.FAILED, false),
                check("skipped_for_want_of_a_free_core", Status.SKIPPED, false),
                check("hung_at_the_guard", Status.FAILED, true),
                check("too_few_calls_in_flight_together", Status.FAILED, true)), 0, "");

        assertThat(Grader.toRunAgainAlone(shared)).containsExactly(
                "workshop.sample.SampleTest#missed_its_budget", "workshop.sample.SampleTest#skipped_for_want_of_a_free_core");
    }

    @Test
    void runs_only_timing_checks_again_and_none_the_test_jvm_ended_in() {
        ForkedCheckRun.Result exited = new ForkedCheckRun.Result(List.of(
                check("gave_a_wrong_answer", "correctness", Status.FAILED, "expected 3 but was 2", false),
                check("called_system_exit", "timing", Status.FAILED, "the test JVM ended (exit code 3) while this check was running", false),
                check("missed_its_budget", Status.FAILED, false)), 3, "");

        assertThat(Grader.toRunAgainAlone(exited)).containsExactly("workshop.sample.SampleTest#missed_its_budget");
    }

    @Test
    void runs_nothing_again_when_the_run_was_stopped_at_its_hard_limit() {
        ForkedCheckRun.Result stopped = new ForkedCheckRun.Result(List.of(check("missed_its_budget", Status.FAILED, false)), -1, "");

        assertThat(Grader.toRunAgainAlone(stopped)).isEmpty();
    }
}
