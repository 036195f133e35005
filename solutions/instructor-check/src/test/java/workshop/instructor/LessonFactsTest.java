package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import workshop.kit.check.GradedExercise;

/**
 * Every number a lesson states about its checks (pages at once, calls, platform threads, a bound of
 * time) is the number the checks use: each fact below names the sentence of the README that states it
 * and the constant of the checks it comes from, and the two must agree. A check whose number changes
 * then fails here until its lesson says the same; the constant stays the one place of the fact.
 */
@DisplayName("Each lesson states the numbers its checks use")
class LessonFactsTest {

    /**
     * One stated fact: in {@code exercise}'s README, every match of {@code statement} holds in its first
     * group a number (digits, with ',' between thousands) which, times {@code unit}, equals what
     * {@code checks} gives from the checks' constants.
     */
    record Fact(String exercise, String what, Pattern statement, long unit, Checks.Value checks) {
    }

    private static final long MILLIS_PER_SECOND = 1_000;

    static final List<Fact> FACTS = List.of(
            new Fact("exercise-01-sync", "the latency of each call of the timeline check (ms)",
                    Pattern.compile("Four calls of ([\\d,]+) ms each"), 1,
                    checks -> checks.millis("workshop.kit.Budgets", "LATENCY")),
            new Fact("exercise-01-sync", "the least time four blocking calls take in the timeline check (ms)",
                    Pattern.compile("each take at least ([\\d,]+) ms"), 1,
                    checks -> 4 * checks.millis("workshop.kit.Budgets", "LATENCY")),
            new Fact("exercise-02-threads", "calls of the hidden check of a thousand calls",
                    Pattern.compile("an interrupted caller, ([\\d,]+) calls at once"), 1,
                    checks -> 4L * checks.integer("workshop.threads.DashboardBatchHiddenTest", "TRAVELLERS_OF_A_THOUSAND_CALLS")),
            new Fact("exercise-03-tasks", "pages of the visible check of many pages",
                    Pattern.compile("Many pages load at once: ([\\d,]+) in the visible check"), 1,
                    checks -> checks.integer("workshop.tasks.AsyncDashboardTest", "PAGES_AT_ONCE")),
            new Fact("exercise-03-tasks", "partner calls of the visible check of many pages",
                    Pattern.compile("in the visible check \\(([\\d,]+) partner calls\\)"), 1,
                    checks -> 3L * checks.integer("workshop.tasks.AsyncDashboardTest", "PAGES_AT_ONCE")),
            new Fact("exercise-03-tasks", "pages of the graded check of many pages",
                    Pattern.compile("partner calls\\), ([\\d,]+) at grading|(?:^|\\s)([\\d,]+) pages instead of|scales: ([\\d,]+) pages at once"), 1,
                    checks -> checks.integer("workshop.tasks.AsyncDashboardHiddenTest", "PAGES_AT_ONCE_AT_GRADING")),
            new Fact("exercise-03-tasks", "partner calls of the graded check of many pages",
                    Pattern.compile("at grading \\(([\\d,]+)\\s+calls\\)"), 1,
                    checks -> 3L * checks.integer("workshop.tasks.AsyncDashboardHiddenTest", "PAGES_AT_ONCE_AT_GRADING")),
            new Fact("exercise-03-tasks", "pages the visible check compares the graded one with",
                    Pattern.compile("pages instead of ([\\d,]+)"), 1,
                    checks -> checks.integer("workshop.tasks.AsyncDashboardTest", "PAGES_AT_ONCE")),
            new Fact("exercise-03-tasks", "platform threads many pages may start",
                    Pattern.compile("no more\\s+than ([\\d,]+) platform threads"), 1,
                    checks -> checks.integer("workshop.tasks.AsyncDashboardTest", "PLATFORM_THREAD_ALLOWANCE")),
            new Fact("exercise-03-tasks", "the heartbeat's period (ms)",
                    Pattern.compile("a tiny task every ([\\d,]+) ms"), 1,
                    checks -> checks.millis("workshop.tasks.Heartbeat", "PERIOD")),
            new Fact("exercise-04-processes", "what the job may take beyond a hung worker's timeout (ms)",
                    Pattern.compile("within the\\s+timeout plus ([\\d,]+) seconds?|no later than\\s+its timeout plus ([\\d,]+) seconds?"),
                    MILLIS_PER_SECOND, checks -> checks.millis("workshop.processes.Step4TimeoutsTest", "KILL_SLACK")),
            new Fact("exercise-04-processes", "the workers' share of the threads' speed-up (%)",
                    Pattern.compile("at least ([\\d,]+) % of the threads' speed-up"), 1,
                    checks -> Math.round(100 * checks.decimal("workshop.processes.NightlyJobHiddenTest$SpeedUp", "SHARE"))),
            new Fact("exercise-05-server", "connections in the pool the checks hand the server",
                    Pattern.compile("`databaseConnections\\(\\)` \\| ([\\d,]+) \\||pool holds ([\\d,]+) connections|connections: ([\\d,]+) permits"
                            + "|With ([\\d,]+) connections"), 1,
                    checks -> checks.integer("workshop.trip.server.ServerSettings", "DATABASE_CONNECTIONS")),
            new Fact("exercise-05-server", "partner calls in flight at once by default",
                    Pattern.compile("`partnerLimit\\(\\)` \\| ([\\d,]+) \\|"), 1,
                    checks -> checks.integer("workshop.trip.server.ServerSettings", "PARTNER_LIMIT")),
            new Fact("exercise-05-server", "the Retry-After of a shed request (s)",
                    Pattern.compile("Retry-After: ([\\d,]+)"), 1,
                    checks -> checks.integer("workshop.trip.server.DashboardPage", "RETRY_AFTER_SECONDS")),
            new Fact("exercise-05-server", "the latency of every backend in the checks (ms)",
                    Pattern.compile("answers after ([\\d,]+) ms|calls of ([\\d,]+) ms|queries of ([\\d,]+) ms"), 1,
                    checks -> checks.millis("workshop.kit.Budgets", "SHORT_LATENCY")),
            new Fact("exercise-05-server", "the call timeout in the checks (ms)",
                    Pattern.compile("call timeout is\\s+([\\d,]+) ms"), 1,
                    checks -> checks.millis("workshop.kit.Budgets", "CALL_TIMEOUT")),
            new Fact("exercise-05-server", "a request's deadline in the checks, twice the call timeout as ServerSettings.of makes it (ms)",
                    Pattern.compile("deadline is ([\\d,]+) ms|deadline: ([\\d,]+) ms|time left\\s+([\\d,]+)"), 1,
                    checks -> 2 * checks.millis("workshop.kit.Budgets", "CALL_TIMEOUT")));

    @TestFactory
    Stream<DynamicTest> every_stated_fact_is_the_checks_constant() {
        List<String> exercises = InstructorTree.exercises().stream().map(GradedExercise::name).toList();
        return FACTS.stream().filter(fact -> exercises.contains(fact.exercise()))
                .map(fact -> DynamicTest.dynamicTest(fact.exercise() + ": " + fact.what(), () -> {
                    GradedExercise exercise = InstructorTree.exercises().stream().filter(e -> e.name().equals(fact.exercise()))
                            .findFirst().orElseThrow();
                    String lesson = Files.readString(exercise.exerciseFolder().resolve("README.md"));
                    long expected = fact.checks().of(new Checks(exercise));
                    List<Long> stated = stated(fact.statement(), lesson).stream().map(number -> number * fact.unit()).toList();
                    assertThat(stated).withFailMessage("%s's lesson no longer states the %s where %s looks for it (pattern: %s)",
                            fact.exercise(), fact.what(), LessonFactsTest.class.getSimpleName(), fact.statement()).isNotEmpty();
                    assertThat(stated).withFailMessage("%s's lesson states the %s as %s, but its checks use %d: say in the lesson"
                            + " what the checks' constant says", fact.exercise(), fact.what(), stated, expected)
                            .allMatch(value -> value == expected);
                }));
    }

    /** Every number the statement states in the lesson, read from the first group that matched, Markdown's line breaks aside. */
    static List<Long> stated(Pattern statement, String lesson) {
        Matcher matcher = statement.matcher(lesson.replaceAll("\\s*\\n\\s*", " "));
        List<Long> numbers = new ArrayList<>();
        while (matcher.find()) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null) {
                    numbers.add(Long.parseLong(matcher.group(group).replace(",", "")));
                    break;
                }
            }
        }
        return numbers;
    }

    /** The constants of an exercise's checks, read from its compiled visible and hidden checks. */
    static final class Checks {

        interface Value {
            long of(Checks checks) throws ReflectiveOperationException;
        }

        private final ClassLoader loader;

        Checks(GradedExercise exercise) {
            this.loader = InstructorTree.checksWithReference(exercise);
        }

        private Object constant(String className, String field) throws ReflectiveOperationException {
            Field constant = Class.forName(className, true, loader).getDeclaredField(field);
            constant.setAccessible(true);
            return constant.get(null);
        }

        long integer(String className, String field) throws ReflectiveOperationException {
            return ((Number) constant(className, field)).longValue();
        }

        double decimal(String className, String field) throws ReflectiveOperationException {
            return ((Number) constant(className, field)).doubleValue();
        }

        /** A duration of the checks in milliseconds at the time factor 1, the one the lessons speak of. */
        long millis(String className, String field) throws ReflectiveOperationException {
            double factor = ((Number) Class.forName("workshop.kit.Budgets", true, loader).getField("FACTOR").get(null)).doubleValue();
            return Math.round(((Duration) constant(className, field)).toMillis() / factor);
        }
    }
}
