package workshop.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.strategy.IncorrectResultsFailure;
import org.jetbrains.kotlinx.lincheck.strategy.LincheckFailure;
import org.jetbrains.kotlinx.lincheck.trace.ReadTracePoint;
import org.jetbrains.kotlinx.lincheck.trace.TracePoint;
import org.jetbrains.kotlinx.lincheck.trace.WriteTracePoint;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * Runs a few operations on shared state from two or more threads in every interleaving a model
 * checker (Lincheck) tries, and fails when one of them gives results that no order of the same
 * operations run one at a time gives. Where a race that threads hit by chance is a witness only
 * when the OS switches threads at the wrong moment, this one shows the switch, step by step.
 *
 * <p>Use it for a small class that threads share (a counter, a registry); for code that waits
 * (network, pools, locks held for long) use the counting checks instead. The operations live in a
 * public class of the test with a public no-argument constructor, which creates the state under
 * test; each is a public method without parameters, and returns what a caller would see (a
 * {@code String} reads best in the message).
 *
 * <pre>{@code
 * ModelCheck.of(StatsOperations.class, "two record(FLIGHTS) calls at the same time")
 *         .thread("recordFlights")
 *         .thread("recordFlights")
 *         .after("counts")
 *         .idea("make each update of a count one indivisible step (lesson, step 4)")
 *         .assertNoInterleavingBreaksIt();
 * }</pre>
 *
 * <p>The failure's first line says in one sentence what happened (the results, and where a value
 * was overwritten, which thread read, which wrote); the next line is the idea; then comes the
 * model checker's report: the results, and the interleaving that led to them, line by line.
 *
 * <p>The model checker loads an agent at run time: the JVM must start with {@link #JVM_OPTIONS}
 * (surefire and every JVM the kit starts for checks do). Its search is bounded
 * ({@value #INVOCATIONS} interleavings per check), which covers every switch between a few
 * operations; the first check of a JVM takes about two seconds, the next ones a fraction of that.
 *
 * @param operations the class whose methods are the operations
 * @param situation  what the operations do together, as the sentence of a failure begins
 * @param threads    per thread, the operations it runs in order; all threads start together
 * @param after      operations run on one thread once every thread has ended
 * @param idea       the idea a failure points to, with its place in the lesson
 */
public record ModelCheck(Class<?> operations, String situation, List<List<String>> threads, List<String> after,
                         String idea) {

    /**
     * The options every JVM that runs checks starts with (the parent {@code pom.xml}'s
     * {@code workshop.testJvm.options}): the model checker attaches its agent at run time, which
     * JDK 21 and newer allow quietly only when told so up front, and it uses {@code sun.misc.Unsafe},
     * about which JDK 24 and newer warn. Without them the checks still run, under a page of warnings.
     */
    public static final List<String> JVM_OPTIONS = readJvmOptions();

    /** Interleavings tried per check: every switch between a few short operations, in a few seconds at most. */
    public static final int INVOCATIONS = 200;

    public ModelCheck {
        Objects.requireNonNull(operations);
        Objects.requireNonNull(situation);
        threads = threads.stream().map(List::copyOf).toList();
        after = List.copyOf(after);
        Objects.requireNonNull(idea);
    }

    /** A check of the operations of {@code operations}, in the {@code situation} a failure describes. */
    public static ModelCheck of(Class<?> operations, String situation) {
        return new ModelCheck(operations, situation, List.of(), List.of(), "");
    }

    /** One more thread, which runs {@code operationNames} in this order. */
    public ModelCheck thread(String... operationNames) {
        List<List<String>> more = new ArrayList<>(threads);
        more.add(List.of(operationNames));
        return new ModelCheck(operations, situation, more, after, idea);
    }

    /** Operations run on one thread once every thread has ended: they read what the threads left. */
    public ModelCheck after(String... operationNames) {
        return new ModelCheck(operations, situation, threads, List.of(operationNames), idea);
    }

    /** The idea a failure points to, with its place in the lesson. */
    public ModelCheck idea(String text) {
        return new ModelCheck(operations, situation, threads, after, text);
    }

    /**
     * Tries the interleavings and fails with the first one whose results no order of the operations run
     * one at a time gives.
     */
    public void assertNoInterleavingBreaksIt() {
        if (threads.size() < 2) {
            throw new IllegalStateException("a model check needs two threads or more, got " + threads.size());
        }
        ExecutionScenario scenario = new ExecutionScenario(List.of(),
                threads.stream().map(this::actors).toList(), actors(after), null);
        try {
            new ModelCheckingOptions()
                    .iterations(0)
                    .invocationsPerIteration(INVOCATIONS)
                    // the scenario is small already: shrinking it would only run the checker again
                    .minimizeFailedScenario(false)
                    .addCustomScenario(scenario)
                    .check(operations);
        } catch (LincheckAssertionError failure) {
            AssertionError error = new AssertionError(sentence(failure.getFailure$lincheck())
                    + (idea.isBlank() ? "" : "\n" + idea)
                    + "\n" + failure.getMessage().strip());
            error.setStackTrace(new StackTraceElement[0]);
            throw error;
        }
    }

    private List<Actor> actors(List<String> names) {
        return names.stream().map(name -> new Actor(method(name), List.of())).toList();
    }

    private Method method(String name) {
        try {
            return operations.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(operations.getName() + " has no public operation " + name + "()", e);
        }
    }

    /** What happened, in one sentence: the situation, the results, and a value overwritten if the trace shows one. */
    private String sentence(LincheckFailure failure) {
        if (!(failure instanceof IncorrectResultsFailure)) {
            String headline = Objects.toString(failure, "").lines().map(String::strip).filter(line -> !line.isEmpty())
                    .findFirst().orElse("the model checker failed").replace("=", "").strip();
            return situation + ": " + headline.toLowerCase(java.util.Locale.ROOT) + " (the report below shows where).";
        }
        String results = results(failure.getResults());
        String overwritten = failure.getTrace() == null ? null : overwrittenValue(failure.getTrace().getTrace());
        return situation + (results.isEmpty() ? "" : ", " + results)
                + (overwritten != null ? ": " + overwritten + "."
                                       : ", which no order of these operations run one at a time gives.");
    }

    /** The results a caller saw, operations without a result left out. */
    private String results(ExecutionResult results) {
        StringJoiner seen = new StringJoiner(", then ");
        List<List<ResultWithClock>> perThread = results.getParallelResultsWithClock();
        for (int t = 0; t < perThread.size(); t++) {
            List<String> names = threads.get(t);
            StringJoiner mine = new StringJoiner(" and ");
            for (int i = 0; i < perThread.get(t).size() && i < names.size(); i++) {
                Object result = perThread.get(t).get(i).getResult();
                if (!String.valueOf(result).equals("void")) {
                    mine.add(names.get(i) + "()" + outcome(result));
                }
            }
            if (mine.length() > 0) {
                seen.add("thread " + (t + 1) + "'s " + mine);
            }
        }
        List<?> post = results.getPostResults();
        for (int i = 0; i < post.size() && i < after.size(); i++) {
            if (!String.valueOf(post.get(i)).equals("void")) {
                seen.add(after.get(i) + "()" + outcome(post.get(i)));
            }
        }
        return seen.length() == 0 ? "" : "then " + seen;
    }

    /** " gave 2", or " threw NullPointerException" (the report below numbers it). */
    private static String outcome(Object result) {
        String text = String.valueOf(result);
        return result.getClass().getSimpleName().equals("ExceptionResult")
                ? " threw " + text.replaceFirst(" #\\d+$", "") : " gave " + text;
    }

    /**
     * The first lost update in the trace: a thread read a value, another thread wrote the same place, and
     * the first thread then wrote it over (in one operation). Null when the trace shows none.
     */
    private static String overwrittenValue(List<? extends TracePoint> trace) {
        Map<String, Access> lastRead = new HashMap<>();
        Map<String, List<Access>> writes = new HashMap<>();
        for (int order = 0; order < trace.size(); order++) {
            Access access = Access.of(trace.get(order), order);
            if (access == null) {
                continue;
            }
            String readKey = access.thread() + " " + access.place();
            if (!access.write()) {
                lastRead.put(readKey, access);
                continue;
            }
            Access read = lastRead.remove(readKey);
            List<Access> placeWrites = writes.computeIfAbsent(access.place(), place -> new ArrayList<>());
            if (read != null && read.actor() == access.actor()) {
                Access between = placeWrites.stream()
                        .filter(other -> other.order() > read.order() && other.thread() != access.thread())
                        .reduce((first, second) -> second).orElse(null);
                if (between != null) {
                    return "thread " + (read.thread() + 1) + " read " + read.value()
                            + ", thread " + (between.thread() + 1) + " wrote " + between.value()
                            + ", thread " + (access.thread() + 1) + " wrote " + access.value();
                }
            }
            placeWrites.add(access);
        }
        return null;
    }

    /** A read or a write of one place in memory (a field or an array element), as the trace shows it. */
    private record Access(int order, int thread, int actor, boolean write, String place, String value) {

        static Access of(TracePoint point, int order) {
            boolean write = point instanceof WriteTracePoint;
            if (!write && !(point instanceof ReadTracePoint)) {
                return null;
            }
            String text = point.toString();
            int at = text.lastIndexOf(" at ");
            String step = at < 0 ? text : text.substring(0, at);
            String operator = write ? " = " : " ➜ ";
            int split = step.indexOf(operator);
            if (split < 0) {
                return null;
            }
            String value = step.substring(split + operator.length()).strip();
            return new Access(order, point.getIThread(), point.getActorId(), write, step.substring(0, split).strip(),
                    value.equals("null") ? "nothing" : value);
        }
    }

    private static List<String> readJvmOptions() {
        try (InputStream in = ModelCheck.class.getResourceAsStream("test-jvm.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String options = properties.getProperty("options", "").strip();
            if (options.isEmpty() || options.startsWith("${")) {
                throw new IllegalStateException("the kit was built without workshop.testJvm.options (parent pom.xml)");
            }
            return List.copyOf(Arrays.asList(options.split("\\s+")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
