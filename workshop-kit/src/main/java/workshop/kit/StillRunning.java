package workshop.kit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was still running when a guarded call overran its budget: where the call's thread waited,
 * the other threads inside the exercise's code and where they waited, and the processes still alive.
 * Evidence for a failure message, taken before anything is interrupted; never a guess at the cause.
 */
final class StillRunning {

    private static final int MOST_THREADS = 3;
    private static final int MOST_PROCESSES = 3;

    private StillRunning() {
    }

    /** One sentence per kind of evidence, or an empty string when nothing was seen. */
    static String describe(Thread caller) {
        List<String> seen = new ArrayList<>();
        where(caller.getStackTrace()).ifPresent(at -> seen.add("the call's thread " + at));
        List<String> others = new ArrayList<>();
        int more = 0;
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread == caller || thread == Thread.currentThread() || !inExerciseCode(entry.getValue())) {
                continue;
            }
            Optional<String> at = where(entry.getValue());
            if (at.isPresent()) {
                if (others.size() < MOST_THREADS) {
                    others.add("thread '" + thread.getName() + "' " + at.get());
                } else {
                    more++;
                }
            }
        }
        seen.addAll(others);
        if (more > 0) {
            seen.add(more + " more thread(s) in the exercise's code");
        }
        List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        if (!alive.isEmpty()) {
            seen.add(alive.size() + " process(es) started by the code still alive ("
                    + String.join("; ", alive.stream().limit(MOST_PROCESSES)
                            .map(process -> "pid " + process.pid() + " " + process.info().command().orElse("?")).toList())
                    + (alive.size() > MOST_PROCESSES ? "; ..." : "") + ")");
        }
        return seen.isEmpty() ? "" : String.join("; ", seen) + ".";
    }

    /**
     * Where a thread was: the JDK method it waited in (its innermost frame) and the exercise's line
     * that led there, for example "waited in CompletableFuture.get, called from NightlyJob.run (NightlyJob.java:88)".
     */
    private static Optional<String> where(StackTraceElement[] stack) {
        Optional<StackTraceElement> code = Arrays.stream(stack).filter(StillRunning::exerciseFrame).findFirst();
        if (code.isEmpty()) {
            return Optional.empty();
        }
        StackTraceElement innermost = Arrays.stream(stack).filter(frame -> !frame.isNativeMethod() || stack[0] == frame)
                .filter(frame -> !frame.getClassName().startsWith("jdk.internal.misc.")).findFirst().orElse(stack[0]);
        String called = simple(code.get()) + " (" + code.get().getFileName() + ":" + code.get().getLineNumber() + ")";
        return Optional.of(innermost == code.get() ? "ran at " + called : "waited in " + simple(innermost) + ", called from " + called);
    }

    private static boolean inExerciseCode(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(StillRunning::exerciseFrame);
    }

    /** A frame of the exercise's own code: the workshop's classes, but neither the kit nor a test. */
    private static boolean exerciseFrame(StackTraceElement frame) {
        String name = frame.getClassName();
        if (!name.startsWith("workshop.") || name.startsWith("workshop.kit.") || name.startsWith("workshop.trip.")) {
            return false;
        }
        return !fromTests(name);
    }

    /** Whether a class comes from the test classes (a check or its helpers), not from the exercise's code. */
    private static boolean fromTests(String className) {
        try {
            ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(StillRunning.class.getClassLoader());
            var source = Class.forName(className, false, loader).getProtectionDomain().getCodeSource();
            return source != null && source.getLocation() != null && source.getLocation().getPath().contains("test-classes");
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
            return outer.endsWith("Test");
        }
    }

    private static String simple(StackTraceElement frame) {
        String name = frame.getClassName();
        String outer = name.substring(name.lastIndexOf('.') + 1);
        return outer.replaceAll("\\$\\d+", "").replace('$', '.') + "." + frame.getMethodName();
    }
}
