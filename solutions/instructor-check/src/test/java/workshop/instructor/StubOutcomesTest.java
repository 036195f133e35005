package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.ForkedCheckRun;
import workshop.kit.check.GradedExercise;
import workshop.kit.check.Lesson;
import workshop.kit.check.Mutant;
import workshop.kit.check.OnStub;

/**
 * Every check, visible or hidden, does against the exercise's stub exactly what it declares: a
 * check declared to fail on the stub fails, one declared to pass passes. A check that the stub
 * passes without saying so cannot tell the stub from a solution, and fails the build. The first failing
 * check, the one the progress table shows a learner, says what the stub does in the words listed in
 * {@code solutions/<exercise>/first-message-on-stub.txt}.
 */
@DisplayName("Each stub fails exactly the checks it is declared to fail")
class StubOutcomesTest {

    /**
     * In each exercise's solution folder: what the first line of the message of the stub's first failing
     * visible check (the one the progress table shows) must say, as a {@code First message says: word | phrase} line.
     */
    static final String FIRST_MESSAGE_ON_STUB = "first-message-on-stub.txt";

    /** What a lesson step says when none of its checks is visible, followed by what is judged at grading and why. */
    static final String JUDGED_ONLY_AT_GRADING = "Judged only at grading:";

    @TestFactory
    Stream<DynamicNode> every_check_does_what_it_declares_against_the_stub() {
        return InstructorTree.exercises().stream().<DynamicNode>map(exercise -> DynamicContainer.dynamicContainer(exercise.name(),
                InstructorTree.ahead(() -> checksAgainstStub(exercise)))).toList().stream();
    }

    private static Stream<DynamicNode> checksAgainstStub(GradedExercise exercise) {
        ForkedCheckRun.Result run = exercise.run(exercise.stubClasses(), exercise.testClassNames(), InstructorTree.RUN_LIMIT,
                InstructorTree.scratch("stub", exercise.name()));
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("the run against the stub completed", () -> {
            assertThat(run.exitCode()).withFailMessage("the checks against the stub of %s did not complete (exit code %d). Output:%n%s",
                    exercise.name(), run.exitCode(), run.output()).isZero();
            assertThat(run.outcomes()).as("checks run against the stub of %s", exercise.name()).isNotEmpty();
        }));
        nodes.add(DynamicTest.dynamicTest("the lesson has every step its checks name, each with hints", () -> {
            Lesson lesson = Lesson.read(exercise.exerciseFolder().resolve("README.md"));
            for (int step : run.outcomes().stream().mapToInt(CheckOutcome::step).distinct().sorted().toArray()) {
                assertThat(lesson.step(step))
                        .withFailMessage("checks of %s belong to step %d, but its README has no heading '### Step %d: ...'", exercise.name(), step, step)
                        .isPresent();
                assertThat(lesson.step(step).get().hints())
                        .withFailMessage("step %d of %s's README has no '> Hint:' lines; the progress table and ./workshop hint show them", step, exercise.name())
                        .isNotEmpty();
            }
        }));
        nodes.add(DynamicTest.dynamicTest("the first failing check says what the stub does", () -> {
            Path expectations = exercise.solutionFolder().resolve(FIRST_MESSAGE_ON_STUB);
            // The learner sees the visible checks only: the first of those is the one the progress table shows.
            Path visibleClasses = exercise.exerciseFolder().resolve("target/test-classes");
            Optional<CheckOutcome> first = InstructorTree.firstFailing(run.outcomes().stream()
                    .filter(check -> isVisible(check, visibleClasses)).toList());
            assertThat(first).withFailMessage("no visible check fails against the stub of %s", exercise.name()).isPresent();
            List<String> expected = Files.isRegularFile(expectations)
                    ? Files.readAllLines(expectations).stream().map(String::strip)
                            .filter(line -> line.regionMatches(true, 0, Mutant.FIRST_MESSAGE_SAYS, 0, Mutant.FIRST_MESSAGE_SAYS.length()))
                            .findFirst().map(line -> Mutant.phrases(line.substring(Mutant.FIRST_MESSAGE_SAYS.length()))).orElse(List.of())
                    : List.of();
            if (expected.isEmpty()) {
                throw new AssertionError(expectations + " has no '" + Mutant.FIRST_MESSAGE_SAYS + " ...' line: add one, with the"
                        + " words (separated by |) that the first line of the message of the stub's first failing check must"
                        + " contain. That check is " + first.get().id() + ", whose message begins:\n"
                        + first.get().message().lines().findFirst().orElse(""));
            }
            InstructorTree.assertFirstLineSays(first.get(), expected, "the stub of " + exercise.name(),
                    exercise.solutionFolder().relativize(expectations) + "'s '" + Mutant.FIRST_MESSAGE_SAYS + "' line");
        }));
        nodes.add(DynamicTest.dynamicTest("no failure message gives an answer away, and the lesson's hints hold every answer listed", () -> {
            List<String> tokens = InstructorTree.answerTokens(exercise);
            Lesson lesson = Lesson.read(exercise.exerciseFolder().resolve("README.md"));
            String hints = String.join("\n", lesson.steps().stream().flatMap(step -> step.hints().stream()).toList());
            assertThat(tokens).as("answer tokens of %s that no hint of its lesson shows (the last hint of a step holds the code)",
                    exercise.name()).allMatch(hints::contains);
            InstructorTree.assertGivesNoAnswer(run.outcomes(), tokens, "the stub of " + exercise.name());
        }));
        nodes.add(DynamicTest.dynamicTest("the hints of every step climb from the idea to the code: no first hint holds an answer", () -> {
            List<String> tokens = InstructorTree.answerTokens(exercise);
            Lesson lesson = Lesson.read(exercise.exerciseFolder().resolve("README.md"));
            List<String> giveaways = lesson.steps().stream().filter(step -> !step.hints().isEmpty())
                    .flatMap(step -> tokens.stream().filter(step.hints().getFirst()::contains)
                            .map(token -> "step " + step.number() + "'s first hint shows `" + token + "`"))
                    .toList();
            assertThat(giveaways).withFailMessage("in %s's lesson, %s: the first hint gives the idea, the next ones the API,"
                    + " the last one the code", exercise.name(), giveaways).isEmpty();
        }));
        nodes.add(DynamicTest.dynamicTest("every step of the lesson has a visible check, or says why it is judged only at grading", () -> {
            Path readme = exercise.exerciseFolder().resolve("README.md");
            Lesson lesson = Lesson.read(readme);
            Path visibleClasses = exercise.exerciseFolder().resolve("target/test-classes");
            java.util.Set<Integer> checked = run.outcomes().stream().filter(check -> isVisible(check, visibleClasses))
                    .map(CheckOutcome::step).collect(java.util.stream.Collectors.toSet());
            List<String> unchecked = lesson.steps().stream().filter(step -> !checked.contains(step.number()))
                    .filter(step -> !stepText(readme, step.number()).contains(JUDGED_ONLY_AT_GRADING))
                    .map(step -> "step " + step.number() + " (" + step.title() + ")").toList();
            assertThat(unchecked).withFailMessage("%s's lesson teaches %s, but no visible check is annotated with its @Step: add one"
                    + " in %s/src/test/java, or say in the step, after '%s', what is judged only at grading and why",
                    exercise.name(), unchecked, exercise.name(), JUDGED_ONLY_AT_GRADING).isEmpty();
        }));
        for (CheckOutcome check : run.outcomes()) {
            nodes.add(DynamicTest.dynamicTest(check.simpleClass() + "#" + check.method(), () -> {
                assertThat(check.kind())
                        .withFailMessage("%s is not a graded check: annotate it with @CorrectnessCheck or @TimingCheck, with points and its outcome on the stub", check.id())
                        .isNotEqualTo("ungraded");
                if (check.onStub() == OnStub.FAILS) {
                    assertThat(check.status())
                            .withFailMessage("%s is declared to fail on the stub, but the stub %s it: the check cannot tell the stub from a solution."
                                    + " Make it judge what the exercise teaches, or declare onStub = PASSES if the stub is meant to pass it.",
                                    check.id(), check.status() == CheckOutcome.Status.PASSED ? "passes" : "skips")
                            .isEqualTo(CheckOutcome.Status.FAILED);
                } else {
                    assertThat(check.status())
                            .withFailMessage("%s is declared to pass on the stub, but it did not: %s", check.id(), check.message())
                            .isEqualTo(CheckOutcome.Status.PASSED);
                }
            }));
        }
        return nodes.stream();
    }

    /** Whether a check is one the learner has: its class is among the exercise module's compiled tests. */
    private static boolean isVisible(CheckOutcome check, Path visibleClasses) {
        return Files.isRegularFile(visibleClasses.resolve(check.id().substring(0, check.id().indexOf('#')).replace('.', '/') + ".class"));
    }

    /** The text of step {@code number} of a lesson: from its heading to the next heading. */
    private static String stepText(Path readme, int number) {
        try {
            List<String> lines = Files.readAllLines(readme);
            StringBuilder text = new StringBuilder();
            boolean in = false;
            for (String line : lines) {
                if (line.startsWith("#")) {
                    in = line.matches("^#{2,4}\\s+Step\\s+" + number + "\\b.*");
                } else if (in) {
                    text.append(line).append('\n');
                }
            }
            return text.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
