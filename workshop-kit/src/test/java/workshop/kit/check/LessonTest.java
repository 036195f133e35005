package workshop.kit.check;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workshop.kit.check.Lesson.LessonStep;

@DisplayName("A lesson read from an exercise's README")
class LessonTest {

    static final List<String> README = List.of(
            "# Exercise 09: a sample",
            "",
            "> Hint: a quote before any step is no hint",
            "",
            "## Learning objectives",
            "> Hint: nor is one under another heading",
            "",
            "### Step 1: Time the four calls",
            "",
            "Some text about timing.",
            "",
            "> Hint: Start the clock before the first call.",
            "> Hint: `System.nanoTime()` is the clock for durations.",
            "",
            "### Step 2: Give every call a timeout",
            "> Hint:   A timeout per call, not one for all.   ",
            "",
            "## How it is graded",
            "> Hint: not part of step 2 any more");

    @Nested
    @DisplayName("when the README follows the step convention")
    class WhenTheReadmeFollowsTheConvention {

        @Test
        void each_step_heading_gives_a_step_with_its_number_and_title() {
            Lesson lesson = Lesson.parse("exercise-09-sample", README);

            assertThat(lesson.exercise()).isEqualTo("exercise-09-sample");
            assertThat(lesson.steps()).extracting(LessonStep::number).containsExactly(1, 2);
            assertThat(lesson.steps()).extracting(LessonStep::title)
                    .containsExactly("Time the four calls", "Give every call a timeout");
        }

        @Test
        void the_hint_lines_under_a_step_are_its_hints_in_order_up_to_the_next_heading() {
            Lesson lesson = Lesson.parse("exercise-09-sample", README);

            assertThat(lesson.step(1)).hasValueSatisfying(step -> assertThat(step.hints()).containsExactly(
                    "Start the clock before the first call.", "`System.nanoTime()` is the clock for durations."));
            assertThat(lesson.step(2)).hasValueSatisfying(step -> assertThat(step.hints())
                    .as("hints of step 2, trimmed, without the quote under the next heading")
                    .containsExactly("A timeout per call, not one for all."));
        }

        @Test
        void a_step_it_does_not_have_is_empty() {
            assertThat(Lesson.parse("exercise-09-sample", README).step(3)).isEmpty();
        }

        @Test
        void bold_hints_and_other_heading_levels_are_read_too() {
            Lesson lesson = Lesson.parse("x", List.of(
                    "## Step 4. Close what you open",
                    "> **Hint:** try-with-resources",
                    "#### Step 5 Join every thread"));

            assertThat(lesson.steps()).extracting(LessonStep::number, LessonStep::title).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(4, "Close what you open"),
                    org.assertj.core.groups.Tuple.tuple(5, "Join every thread"));
            assertThat(lesson.step(4).orElseThrow().hints()).containsExactly("try-with-resources");
        }

        @Test
        void a_comment_line_in_a_code_block_is_no_heading_and_does_not_end_the_step() {
            // GIVEN a step whose text shows a shell command with a comment, before its hints
            Lesson lesson = Lesson.parse("x", List.of(
                    "### Step 1: Run the tests",
                    "```bash",
                    "# only this exercise",
                    "./mvnw test -pl exercise-01-sync",
                    "```",
                    "> Hint: the progress table names the next failing check"));

            // THEN the hint still belongs to step 1
            assertThat(lesson.step(1)).hasValueSatisfying(step -> assertThat(step.hints())
                    .withFailMessage("expected the hint after a code block to belong to step 1, but step 1 has %s:"
                            + " a '#' line inside a fenced code block was taken for a heading", step.hints())
                    .containsExactly("the progress table names the next failing check"));
        }
    }

    @Nested
    @DisplayName("when read from a file")
    class WhenReadFromAFile {

        @Test
        void the_exercise_is_the_folder_that_holds_the_README(@TempDir Path root) throws IOException {
            Path readme = Files.createDirectories(root.resolve("exercise-09-sample")).resolve("README.md");
            Files.write(readme, README);

            Lesson lesson = Lesson.read(readme);

            assertThat(lesson.exercise()).isEqualTo("exercise-09-sample");
            assertThat(lesson.steps()).hasSize(2);
        }

        @Test
        void a_missing_README_gives_a_lesson_without_steps(@TempDir Path root) {
            Lesson lesson = Lesson.read(root.resolve("exercise-09-sample").resolve("README.md"));

            assertThat(lesson.exercise()).isEqualTo("exercise-09-sample");
            assertThat(lesson.steps()).isEmpty();
        }
    }
}
