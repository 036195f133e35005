package workshop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.CheckOutcome.Status;
import workshop.kit.check.ForkedCheckRun;
import workshop.kit.check.OnStub;

@DisplayName("The grader, after a timing run beside other jobs")
class GraderTest {

    private static CheckOutcome check(String method, Status status, boolean loadIndependent) {
        return new CheckOutcome("workshop.sample.SampleTest#" + method, method, status, "timing", 2, OnStub.FAILS, 1,
                false, status == Status.PASSED ? "" : "why", loadIndependent);
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
    void runs_nothing_again_when_the_run_itself_ended_early() {
        ForkedCheckRun.Result stopped = new ForkedCheckRun.Result(List.of(check("missed_its_budget", Status.FAILED, false)), -1, "");

        assertThat(Grader.toRunAgainAlone(stopped)).isEmpty();
    }
}
