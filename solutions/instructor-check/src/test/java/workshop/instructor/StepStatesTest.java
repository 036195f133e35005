package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
import workshop.kit.check.OnStub;

/**
 * The sources after each lesson step ({@code solutions/<exercise>/steps/step-N}, the files of
 * {@code src/main/java}), which {@code scripts/bench-watch-steps} walks from the stub to the reference:
 * the last state is the reference, and each state compiles and passes the visible checks of exactly the
 * steps up to its own (every check of those steps, and not every check of the next step that the stub fails).
 */
@DisplayName("Each step's state passes the checks of exactly the steps up to it")
class StepStatesTest {

    static final String STEPS = "steps";

    @TestFactory
    Stream<DynamicNode> every_state_passes_exactly_its_steps() {
        return InstructorTree.exercises().stream()
                .filter(exercise -> Files.isDirectory(exercise.solutionFolder().resolve(STEPS)))
                .<DynamicNode>map(exercise -> DynamicContainer.dynamicContainer(exercise.name(), states(exercise))).toList().stream();
    }

    private static Stream<DynamicNode> states(GradedExercise exercise) {
        Map<Integer, Path> states = statesOf(exercise.solutionFolder().resolve(STEPS));
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("the last state is the reference", () -> {
            assertThat(states).as("states in %s", exercise.solutionFolder().resolve(STEPS)).isNotEmpty();
            Path last = states.get(((TreeMap<Integer, Path>) states).lastKey());
            assertThat(contents(last)).as("the files of %s against the reference's %s", last, exercise.referenceSources())
                    .isEqualTo(contents(exercise.referenceSources()));
        }));
        List<String> visible = visibleTestClasses(exercise);
        states.forEach((step, state) -> nodes.add(DynamicContainer.dynamicContainer("step " + step,
                InstructorTree.ahead(() -> passesUpTo(exercise, step, state, visible)))));
        return nodes.stream();
    }

    private static Stream<DynamicNode> passesUpTo(GradedExercise exercise, int step, Path state, List<String> visible) {
        Path work = InstructorTree.scratch("steps", exercise.name(), "step-" + step);
        Path classes = work.resolve("classes");
        Optional<String> compileError = Compilation.compile(List.of(state), exercise.checkClasspath(), classes);
        if (compileError.isPresent()) {
            return Stream.of(DynamicTest.dynamicTest("compiles", () -> {
                throw new AssertionError("the state after step " + step + " does not compile: " + compileError.get());
            }));
        }
        ForkedCheckRun.Result run = exercise.run(classes, visible, InstructorTree.RUN_LIMIT, work.resolve("run"));
        return Stream.of(
                DynamicTest.dynamicTest("passes every check of steps 1 to " + step, () -> {
                    assertThat(run.outcomes()).withFailMessage("no check ran. Output:%n%s", run.output()).isNotEmpty();
                    assertThat(run.outcomes().stream().filter(check -> check.step() <= step && !check.passed()).toList())
                            .as("checks of steps up to %d that the state after step %d fails", step, step).isEmpty();
                }),
                DynamicTest.dynamicTest("fails a check of the next step, if it has one the stub fails", () -> {
                    // Only the checks the stub fails are the next step's work: one the stub passes may well pass here too.
                    List<CheckOutcome> next = run.outcomes().stream()
                            .filter(check -> check.step() == step + 1 && check.onStub() != OnStub.PASSES).toList();
                    if (!next.isEmpty()) {
                        assertThat(next).as("step %d's checks against the state after step %d: it would have nothing left to do", step + 1, step)
                                .anyMatch(check -> !check.passed());
                    }
                }));
    }

    /** The states by step number, in order. */
    private static Map<Integer, Path> statesOf(Path steps) {
        try (Stream<Path> folders = Files.list(steps)) {
            return folders.filter(folder -> folder.getFileName().toString().matches("step-\\d+"))
                    .collect(Collectors.toMap(folder -> Integer.parseInt(folder.getFileName().toString().substring(5)), folder -> folder,
                            (a, b) -> a, TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code root}, by relative path, with its text. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return files;
    }

    /** The exercise's visible test classes, the checks a learner's watch runs. */
    private static List<String> visibleTestClasses(GradedExercise exercise) {
        Path visible = exercise.exerciseFolder().resolve("src/test/java");
        return exercise.testClassNames().stream()
                .filter(name -> Files.isRegularFile(visible.resolve(name.replace('.', '/') + ".java")))
                .toList();
    }
}
