package workshop.kit.check;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import workshop.kit.CallCountError;
import workshop.kit.OverrunError;
import workshop.kit.StillRunningError;
import workshop.kit.check.CheckOutcome.Status;

@DisplayName("A check outcome, one line of a report")
class CheckOutcomeTest {

    static CheckOutcome outcome(String id, Status status, String message) {
        return new CheckOutcome(id, "The dashboard > when weather hangs > it answers on time", status, "timing", 3,
                OnStub.FAILS, 2, true, message, false);
    }

    @ParameterizedTest(name = "message [{0}]")
    @ValueSource(strings = {
            "",
            "plain",
            "a\ttab",
            "two\nlines\nand more",
            "back\\slash and \\t and \\n written out",
            "C:\\temp\\new",
            "ends with a backslash \\",
            "\\",
            "\t\n\\\t"})
    void survives_a_round_trip_through_its_line(String message) {
        CheckOutcome original = outcome("workshop.sample.SampleGradedTest$WhenX#it_works", Status.FAILED, message);

        String line = original.toLine();

        assertThat(line).as("the line of %s", original).doesNotContain("\n").doesNotContain("\r");
        assertThat(line.split("\t", -1)).as("fields of the line").hasSize(10);
        assertThat(CheckOutcome.fromLine(line)).isEqualTo(original);
    }

    @Test
    void keeps_whether_its_failure_is_load_independent_through_its_line_and_forgets_it_with_a_new_status() {
        CheckOutcome hung = outcome("a.B#c", Status.RUNNING, "").failedRegardlessOfLoad("expected the page to finish within 20.0 s");

        assertThat(CheckOutcome.fromLine(hung.toLine())).isEqualTo(hung);
        assertThat(hung.loadIndependent()).isTrue();
        assertThat(hung.status()).isEqualTo(Status.FAILED);
        assertThat(hung.with(Status.FAILED, "not run").loadIndependent()).isFalse();
    }

    @Test
    void a_hang_a_wrong_count_of_calls_or_a_step_not_written_yet_is_load_independent_a_missed_budget_or_anything_else_is_not() {
        assertThat(CheckRecorder.loadIndependent(Optional.of(new StillRunningError("still running at the guard")))).isTrue();
        assertThat(CheckRecorder.loadIndependent(Optional.of(new TimeoutException("the check timed out after 60 seconds")))).isTrue();
        assertThat(CheckRecorder.loadIndependent(Optional.of(new CallCountError("expected 3 calls in flight at once")))).isTrue();
        assertThat(CheckRecorder.loadIndependent(Optional.of(new AssertionError("expected it to take at most 1.2 s")))).isFalse();
        assertThat(CheckRecorder.loadIndependent(Optional.of(new OverrunError("overran by more than the machine stalled")))).isTrue();
        assertThat(CheckRecorder.loadIndependent(Optional.of(new UnsupportedOperationException("Step 1: not written yet")))).isTrue();
        assertThat(CheckRecorder.loadIndependent(Optional.of(
                new ExecutionException(new UnsupportedOperationException("Step 2"))))).isTrue();
        assertThat(CheckRecorder.loadIndependent(Optional.of(new IllegalStateException("wrong")))).isFalse();
        assertThat(CheckRecorder.loadIndependent(Optional.empty())).isFalse();
    }

    @Test
    void drops_carriage_returns_from_windows_line_ends() {
        CheckOutcome original = outcome("a.B#c", Status.FAILED, "first\r\nsecond");

        assertThat(CheckOutcome.fromLine(original.toLine()).message()).isEqualTo("first\nsecond");
    }

    @Test
    void refuses_a_line_that_is_no_outcome() {
        assertThatThrownBy(() -> CheckOutcome.fromLine("just some text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a check outcome line");
    }

    @Test
    void names_its_method_and_its_class_nested_classes_included() {
        CheckOutcome nested = outcome("workshop.sample.SampleGradedTest$WhenWeatherHangs#it_answers", Status.PASSED, "");

        assertThat(nested.method()).isEqualTo("it_answers");
        assertThat(nested.simpleClass()).isEqualTo("SampleGradedTest.WhenWeatherHangs");
        assertThat(nested.passed()).isTrue();
        assertThat(nested.with(Status.FAILED, "why").passed()).isFalse();
    }

    @Test
    void kind_of_a_tag_is_lower_case_and_ungraded_without_one() {
        assertThat(CheckOutcome.kindOf(null)).isEqualTo("ungraded");
        assertThat(CheckOutcome.kindOf("TIMING")).isEqualTo("timing");
    }

    @Test
    void a_report_keeps_the_last_line_of_each_check_and_skips_blank_lines(@TempDir Path dir) throws IOException {
        // GIVEN a report where check a started, check b passed, then check a failed
        CheckOutcome aRunning = outcome("t.T#a", Status.RUNNING, "");
        CheckOutcome b = outcome("t.T#b", Status.PASSED, "");
        CheckOutcome aFailed = aRunning.with(Status.FAILED, "expected 3 calls in flight at once\nsaw at most 1");
        Path report = dir.resolve("checks.tsv");
        Files.write(report, List.of(aRunning.toLine(), "", b.toLine(), aFailed.toLine(), ""));

        // WHEN it is read  THEN each check appears once, in the order first seen, with its last outcome
        assertThat(CheckOutcome.read(report)).containsExactly(aFailed, b);
    }
}
