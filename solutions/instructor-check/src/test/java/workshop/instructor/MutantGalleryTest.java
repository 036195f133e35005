package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.Compilation;
import workshop.kit.check.ForkedCheckRun;
import workshop.kit.check.GradedExercise;
import workshop.kit.check.Mutant;

/**
 * The checks catch real mistakes, not just the stub: each known-wrong solution in an exercise's
 * gallery ({@code solutions/<exercise>/mutants/*.patch}) fails every check its diff says must catch it,
 * and the first of those checks (as the progress table picks it) says what that code did, in the words
 * its diff's {@code First message says:} line lists.
 */
@DisplayName("Each known-wrong solution loses points on the checks that must catch it")
class MutantGalleryTest {

    @TestFactory
    Stream<DynamicNode> every_mutant_is_caught() {
        return InstructorTree.exercises().stream().<DynamicNode>map(exercise -> DynamicContainer.dynamicContainer(exercise.name(),
                exercise.mutants().stream().map(mutant -> DynamicContainer.dynamicContainer(mutant.name() + ": " + mutant.description(),
                        InstructorTree.ahead(() -> caught(exercise, mutant)))).toList())).toList().stream();
    }

    private static Stream<DynamicNode> caught(GradedExercise exercise, Mutant mutant) {
        if (mutant.mustFail().isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("names the checks that must catch it", () -> {
                throw new AssertionError(mutant.patch() + " lists no check under 'Must fail:'");
            }));
        }
        Path work = InstructorTree.scratch("mutants", exercise.name(), mutant.name());
        Path sources = work.resolve("src");
        Path classes = work.resolve("classes");
        mutant.writeSources(exercise.referenceSources(), sources);
        Optional<String> compileError = Compilation.compile(List.of(sources), exercise.checkClasspath(), classes);
        if (compileError.isPresent()) {
            return Stream.of(DynamicTest.dynamicTest("compiles", () -> {
                throw new AssertionError("mutant " + mutant.name() + " does not compile: " + compileError.get());
            }));
        }
        ForkedCheckRun.Result run = exercise.run(classes, mutant.mustFail(), InstructorTree.RUN_LIMIT, work.resolve("run"));
        DynamicTest firstMessage = DynamicTest.dynamicTest("its first failing check says what it did", () -> {
            Optional<CheckOutcome> first = InstructorTree.firstFailing(run.outcomes());
            assertThat(first).withFailMessage("mutant %s fails none of the checks it lists. Output:%n%s", mutant.name(), run.output())
                    .isPresent();
            if (mutant.firstMessageSays().isEmpty()) {
                throw new AssertionError(mutant.patch() + " has no '" + Mutant.FIRST_MESSAGE_SAYS + " ...' line: add one above"
                        + " 'Must fail:', with the words (separated by |) that the first line of the message of its first"
                        + " failing check must contain. That check is " + first.get().id() + ", whose message begins:\n"
                        + first.get().message().lines().findFirst().orElse(""));
            }
            InstructorTree.assertFirstLineSays(first.get(), mutant.firstMessageSays(), "mutant " + mutant.name(),
                    mutant.patch().getFileName() + "'s '" + Mutant.FIRST_MESSAGE_SAYS + "' line");
        });
        DynamicTest noAnswer = DynamicTest.dynamicTest("no failure message gives an answer away", () ->
                InstructorTree.assertGivesNoAnswer(run.outcomes(), InstructorTree.answerTokens(exercise), "mutant " + mutant.name()));
        return Stream.concat(Stream.of(firstMessage, noAnswer), mutant.mustFail().stream().map(id -> DynamicTest.dynamicTest(id.substring(id.lastIndexOf('.') + 1), () -> {
            Optional<CheckOutcome> outcome = run.outcomes().stream().filter(o -> o.id().equals(id)).findFirst();
            assertThat(outcome)
                    .withFailMessage("%s lists %s, but no such check ran: fix the name (class$Nested#method). Output:%n%s",
                            mutant.patch().getFileName(), id, run.output())
                    .isPresent();
            assertThat(outcome.get().status())
                    .withFailMessage("mutant %s (%s) passes %s, which must catch it", mutant.name(), mutant.description(), id)
                    .isEqualTo(CheckOutcome.Status.FAILED);
        })));
    }
}
