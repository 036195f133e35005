package workshop.instructor;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import workshop.kit.Budgets;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.GradedExercise;
import workshop.kit.check.Mutant;

/** Where the workshop is, and what the instructor check looks at. */
final class InstructorTree {

    /** The repository root, given by the build. */
    static final Path ROOT = Path.of(System.getProperty("workshop.root", "../..")).toAbsolutePath().normalize();

    /** The longest one forked check run may take before it is killed. */
    static final Duration RUN_LIMIT = Budgets.scaled(180_000);

    /**
     * How many forked check runs go on at once ({@code -Dworkshop.instructor.jobs}): they mostly wait
     * for the test backends' latencies, so a core holds more than one.
     */
    static final int JOBS = Integer.getInteger("workshop.instructor.jobs", Runtime.getRuntime().availableProcessors() + 1);

    /** Taken in the order asked; each run holds one while it runs, on a virtual thread that ends with it (no thread outlives a check). */
    private static final Semaphore RUN_SLOTS = new Semaphore(JOBS, true);

    private InstructorTree() {
    }

    /**
     * Every exercise, or those whose names contain one of the comma-separated words of
     * {@code -Dworkshop.exercises} (for example {@code -Dworkshop.exercises=02,04} while working on two).
     */
    static List<GradedExercise> exercises() {
        List<String> wanted = wantedExercises();
        return GradedExercise.all(ROOT).stream()
                .filter(exercise -> wanted.isEmpty() || wanted.stream().anyMatch(exercise.name()::contains))
                .toList();
    }

    /** The words of {@code -Dworkshop.exercises}; none when the check covers the whole workshop. */
    private static List<String> wantedExercises() {
        return Arrays.stream(System.getProperty("workshop.exercises", "").split(","))
                .map(String::strip).filter(word -> !word.isEmpty()).toList();
    }

    /** Skips a check that concerns no exercise in particular when the instructor check is narrowed to some. */
    static void assumeWholeWorkshop() {
        Assumptions.assumeTrue(wantedExercises().isEmpty(), "the instructor check is narrowed to some exercises (-Dworkshop.exercises)");
    }

    /**
     * The check a learner is sent to first: the failing one of the lowest lesson step (a check of
     * no step last), the first in report order among those, as the progress table picks it.
     */
    static Optional<CheckOutcome> firstFailing(List<CheckOutcome> outcomes) {
        return outcomes.stream().filter(check -> !check.passed())
                .min(Comparator.comparingInt((CheckOutcome check) -> check.step() == 0 ? Integer.MAX_VALUE : check.step()));
    }

    /**
     * Fails unless the first line of {@code check}'s message contains every phrase of {@code expected},
     * case aside. {@code who} names the code that ran, {@code where} the line that lists the phrases.
     */
    static void assertFirstLineSays(CheckOutcome check, List<String> expected, String who, String where) {
        String firstLine = check.message().lines().findFirst().orElse("");
        List<String> missing = Mutant.missing(expected, firstLine);
        if (!missing.isEmpty()) {
            throw new AssertionError("the first failing check of " + who + " is " + check.id() + " (step " + check.step()
                    + "), and the first line of its message lacks " + missing + " (" + where + " lists " + expected
                    + "). The line reads:\n" + firstLine);
        }
    }

    /** Where an exercise lists the code that would give its answers away ({@code answer-tokens.txt}, beside its reference). */
    static final String ANSWER_TOKENS = "answer-tokens.txt";

    /** The code that would give the exercise's answers away: every line of its list but comments and blanks. */
    static List<String> answerTokens(GradedExercise exercise) throws IOException {
        Path list = exercise.solutionFolder().resolve(ANSWER_TOKENS);
        if (!Files.isRegularFile(list)) {
            throw new AssertionError(list + " is missing: list in it, one per line, the code fragments that would give a step's"
                    + " answer away (for example a call of the API the step teaches), which no failure message may show.");
        }
        return Files.readAllLines(list).stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /**
     * Fails when a failed check's message shows code of a fix: a failure says what the code did and which
     * step it concerns; the code belongs in the step's last hint, which the learner asks for.
     */
    static void assertGivesNoAnswer(List<CheckOutcome> outcomes, List<String> tokens, String who) {
        List<String> giveaways = outcomes.stream().filter(check -> !check.passed())
                .flatMap(check -> tokens.stream().filter(check.message()::contains)
                        .map(token -> check.id() + " shows `" + token + "`: " + check.message().lines().filter(line -> line.contains(token))
                                .findFirst().orElse("")))
                .toList();
        if (!giveaways.isEmpty()) {
            throw new AssertionError("against " + who + ", " + giveaways.size() + " failure message(s) give the answer away; say what"
                    + " the code did and name the step, and leave the code to the step's last hint:\n  " + String.join("\n  ", giveaways));
        }
    }

    /**
     * The dynamic tests that {@code work} makes, started now ({@link #JOBS} at once, in the order asked)
     * and awaited only when JUnit comes to them: a factory asks for all its runs first, then reports them in order.
     */
    static Stream<DynamicNode> ahead(Callable<Stream<? extends DynamicNode>> work) {
        FutureTask<List<DynamicNode>> nodes = new FutureTask<>(() -> {
            RUN_SLOTS.acquire();
            try {
                return work.call().map(DynamicNode.class::cast).toList();
            } finally {
                RUN_SLOTS.release();
            }
        });
        Thread.ofVirtual().name("instructor-run").start(nodes);
        return Stream.of(nodes).flatMap(future -> {
            try {
                return future.get().stream();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a check run", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException problem ? problem : new IllegalStateException(e.getCause());
            }
        });
    }

    private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    /** A class loader of the exercise's checks with everything they need: its test classes, its reference, and their dependencies. */
    static ClassLoader checksWithReference(GradedExercise exercise) {
        return LOADERS.computeIfAbsent(exercise.name(), name -> {
            List<Path> path = new ArrayList<>(exercise.checkClasspath());
            path.add(exercise.solutionFolder().resolve("target/classes"));
            URL[] urls = path.stream().map(entry -> {
                try {
                    return entry.toUri().toURL();
                } catch (MalformedURLException malformed) {
                    throw new IllegalStateException(malformed);
                }
            }).toArray(URL[]::new);
            return new URLClassLoader("checks of " + name, urls, ClassLoader.getPlatformClassLoader());
        });
    }

    /** A scratch folder under this module's target folder. */
    static Path scratch(String... names) {
        Path folder = ROOT.resolve("solutions/instructor-check/target/scratch");
        for (String name : names) {
            folder = folder.resolve(name);
        }
        return folder;
    }
}
