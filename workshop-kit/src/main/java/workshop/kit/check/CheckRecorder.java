package workshop.kit.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import workshop.kit.LoadIndependentFailure;

/**
 * Turns test events into {@link CheckOutcome}s, and, given a file, appends each one as it
 * happens: a "running" line when a check starts and its outcome when it ends, flushed at once, so
 * that a JVM killed by the code under test still leaves a report that names the check it was in.
 */
final class CheckRecorder implements TestExecutionListener {

    private static final int MESSAGE_LIMIT = 2_000;

    private final Writer out;
    private final Map<String, CheckOutcome> running = new ConcurrentHashMap<>();
    private final List<CheckOutcome> finished = new CopyOnWriteArrayList<>();
    private volatile TestPlan plan;

    CheckRecorder(Path report) {
        try {
            if (report == null) {
                out = null;
            } else {
                Files.createDirectories(report.toAbsolutePath().getParent());
                out = Files.newBufferedWriter(report, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the check report " + report, e);
        }
    }

    List<CheckOutcome> finished() {
        return new ArrayList<>(finished);
    }

    /** Writes every check of a discovered plan, each as skipped ("listed, not run"), without running any. */
    void list(TestPlan testPlan) {
        plan = testPlan;
        testPlan.getRoots().forEach(this::listFrom);
        testPlanExecutionFinished(testPlan);
    }

    // Depth first, children in their order: the order in which a run would meet the checks.
    private void listFrom(TestIdentifier node) {
        checkOf(node).ifPresent(check -> record(check.with(CheckOutcome.Status.SKIPPED, LISTED)));
        plan.getChildren(node).forEach(this::listFrom);
    }

    /** The message of a check that was listed, not run. */
    static final String LISTED = "listed, not run";

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        checkOf(test).ifPresent(check -> {
            running.put(test.getUniqueId(), check);
            write(check);
        });
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        checkOf(test).ifPresent(check -> record(check.with(CheckOutcome.Status.SKIPPED, reason)));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        CheckOutcome check = running.remove(test.getUniqueId());
        if (check != null) {
            record(switch (result.getStatus()) {
                case SUCCESSFUL -> check.with(CheckOutcome.Status.PASSED, "");
                case ABORTED -> check.with(CheckOutcome.Status.SKIPPED, teachingMessage(result.getThrowable()));
                case FAILED -> loadIndependent(result.getThrowable())
                        ? check.failedRegardlessOfLoad(teachingMessage(result.getThrowable()))
                        : check.with(CheckOutcome.Status.FAILED, teachingMessage(result.getThrowable()));
            });
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // each line was flushed when written
            }
        }
    }

    private void record(CheckOutcome outcome) {
        finished.add(outcome);
        write(outcome);
    }

    private synchronized void write(CheckOutcome outcome) {
        if (out == null) {
            return;
        }
        try {
            out.write(outcome.toLine());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<CheckOutcome> checkOf(TestIdentifier test) {
        if (!test.isTest() || !(test.getSource().orElse(null) instanceof MethodSource source)) {
            return Optional.empty();
        }
        Method method = source.getJavaMethod();
        CorrectnessCheck correctness = method.getAnnotation(CorrectnessCheck.class);
        TimingCheck timing = method.getAnnotation(TimingCheck.class);
        String kind = correctness != null ? "correctness" : timing != null ? "timing" : "ungraded";
        int points = correctness != null ? correctness.points() : timing != null ? timing.points() : 0;
        OnStub onStub = correctness != null ? correctness.onStub() : timing != null ? timing.onStub() : OnStub.FAILS;
        String id = source.getClassName() + "#" + source.getMethodName();
        boolean timesComputation = timing != null && timing.timesComputation();
        return Optional.of(new CheckOutcome(id, sentence(test), CheckOutcome.Status.RUNNING, kind, points, onStub,
                stepOf(method), timesComputation, "", false));
    }

    private String sentence(TestIdentifier test) {
        List<String> names = new ArrayList<>();
        for (TestIdentifier at = test; at != null; at = plan == null ? null : plan.getParent(at).orElse(null)) {
            if (at.getParentId().isPresent()) {
                names.addFirst(at.getDisplayName());
            }
        }
        return String.join(" > ", names);
    }

    static int stepOf(Method method) {
        Step onMethod = method.getAnnotation(Step.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        for (Class<?> type = method.getDeclaringClass(); type != null; type = type.getEnclosingClass()) {
            Step onType = type.getAnnotation(Step.class);
            if (onType != null) {
                return onType.value();
            }
        }
        return 0;
    }

    /**
     * Whether the check failed in a way no busy machine causes: one the kit marks as such (a hang
     * guard, a count of calls), the check's own time limit (JUnit's timeout, a minute: a hang), or a
     * step not written yet (the stubs throw {@code UnsupportedOperationException}, however wrapped).
     */
    static boolean loadIndependent(Optional<Throwable> failure) {
        return failure.filter(thrown -> thrown instanceof LoadIndependentFailure || thrown instanceof TimeoutException
                || notWrittenYet(thrown)).isPresent();
    }

    private static boolean notWrittenYet(Throwable thrown) {
        for (int depth = 0; thrown != null && depth < 8; thrown = thrown.getCause(), depth++) {
            if (thrown instanceof UnsupportedOperationException) {
                return true;
            }
        }
        return false;
    }

    /** The failure as a learner should read it: the assertion's own message, or what the exception says. */
    static String teachingMessage(Optional<Throwable> failure) {
        if (failure.isEmpty()) {
            return "";
        }
        Throwable thrown = failure.get();
        String message;
        if (thrown instanceof AssertionError) {
            message = String.valueOf(thrown.getMessage());
        } else if (thrown instanceof TimeoutException) {
            message = thrown.getMessage() + ": the check ran out of time, so something waits forever."
                    + " Look for a call without a timeout, a join() on something that never ends, or a lock never released.";
        } else {
            message = thrown.getClass().getSimpleName() + ": " + thrown.getMessage();
            StackTraceElement where = firstLineOfWorkshopCode(thrown);
            if (where != null) {
                message += " (at " + where.getFileName() + ":" + where.getLineNumber() + ")";
            }
        }
        message = message.strip();
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + " [...]";
    }

    private static StackTraceElement firstLineOfWorkshopCode(Throwable thrown) {
        for (StackTraceElement element : thrown.getStackTrace()) {
            if (element.getClassName().startsWith("workshop.")) {
                return element;
            }
        }
        return null;
    }
}
