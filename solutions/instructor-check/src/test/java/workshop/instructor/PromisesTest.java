package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.GradedExercise;
import workshop.kit.check.TimingCheck;

/**
 * The list of promises ({@value #HEADING}, in {@code solutions/promises.md}) names only checks that
 * exist: each {@code class#method} it lists is found, by reflection, among the compiled visible and
 * hidden checks of an exercise, as a graded check. A check renamed or removed without the list being
 * updated fails here, instead of leaving its promise unguarded in silence.
 */
@DisplayName("Every check the list of promises names exists")
class PromisesTest {

    /** The heading of the list. */
    static final String HEADING = "## Promises and the checks that hold them";

    /** Where the list may be: it names hidden checks, so it stays under {@code solutions/}. */
    static final List<String> PLACES = List.of("solutions/promises.md");

    /** A check as the list names it: {@code `workshop.pkg.Class$Nested#method`}. */
    static final Pattern CHECK = Pattern.compile("`(workshop(?:\\.[a-z][a-z0-9]*)+\\.[A-Z][A-Za-z0-9_$]*)#([A-Za-z_][A-Za-z0-9_]*)`");

    @TestFactory
    Stream<DynamicNode> every_listed_check_exists() {
        Optional<Path> list = PLACES.stream().map(InstructorTree.ROOT::resolve).filter(Files::isRegularFile)
                .filter(file -> read(file).contains(HEADING)).findFirst();
        if (list.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("the list exists", () -> {
                throw new AssertionError("no list of promises: expected a section '" + HEADING + "' in one of " + PLACES);
            }));
        }
        String section = section(read(list.get()));
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = CHECK.matcher(section);
        while (matcher.find()) {
            ids.add(matcher.group(1) + "#" + matcher.group(2));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("the list names checks", () -> assertThat(ids)
                .withFailMessage("the section '%s' of %s names no check as `class#method`", HEADING, list.get())
                .isNotEmpty()));
        ids.forEach(id -> nodes.add(DynamicTest.dynamicTest(id.substring(id.lastIndexOf('.') + 1), () -> assertExists(id, list.get()))));
        return nodes.stream();
    }

    private static void assertExists(String id, Path list) throws Exception {
        String className = id.substring(0, id.indexOf('#'));
        String methodName = id.substring(id.indexOf('#') + 1);
        String classFile = className.replace('.', '/') + ".class";
        Optional<GradedExercise> owner = GradedExercise.all(InstructorTree.ROOT).stream()
                .filter(exercise -> Files.isRegularFile(exercise.testClasses().resolve(classFile))).findFirst();
        assertThat(owner)
                .withFailMessage("%s names the check %s, but no exercise has a compiled test class %s (solutions/*/target/test-classes):"
                        + " it was renamed or removed. Name the check that holds the promise now.", list, id, className)
                .isPresent();
        Class<?> type = Class.forName(className, false, InstructorTree.checksWithReference(owner.get()));
        List<Method> methods = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(methodName)).toList();
        assertThat(methods)
                .withFailMessage("%s names the check %s, but %s has no method %s: it was renamed or removed. Name the check"
                        + " that holds the promise now.", list, id, className, methodName)
                .isNotEmpty();
        assertThat(methods.stream().flatMap(m -> Arrays.stream(m.getAnnotations()))
                .map(annotation -> annotation.annotationType().getName()))
                .withFailMessage("%s names %s, which is not a graded check (@CorrectnessCheck or @TimingCheck)", list, id)
                .containsAnyOf(CorrectnessCheck.class.getName(), TimingCheck.class.getName());
    }

    /** The text from the heading to the next heading of the same level, or to the end. */
    private static String section(String text) {
        String from = text.substring(text.indexOf(HEADING) + HEADING.length());
        Matcher next = Pattern.compile("(?m)^## ").matcher(from);
        return next.find() ? from.substring(0, next.start()) : from;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
