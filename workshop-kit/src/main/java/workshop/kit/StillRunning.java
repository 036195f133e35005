package workshop.kit;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What was still running when a guarded call overran its budget: where the call's thread waited,
 * the other threads inside the exercise's code and where they waited, and the processes still alive.
 * Evidence for a failure message, taken before anything is interrupted; never a guess at the cause.
 */
final class StillRunning {

    private static final int MOST_THREADS = 6;
    private static final int MOST_PROCESSES = 3;

    private StillRunning() {
    }

    /** One sentence per kind of evidence, or an empty string when nothing was seen. */
    static String describe(Thread caller) {
        List<String> seen = new ArrayList<>();
        where(caller.getStackTrace()).ifPresent(at -> seen.add("the call's thread " + at));
        List<String> others = new ArrayList<>();
        int more = 0;
        List<Map.Entry<String, StackTraceElement[]>> threads = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread != caller && thread != Thread.currentThread()) {
                threads.add(Map.entry("thread '" + thread.getName() + "'", entry.getValue()));
            }
        }
        threads.addAll(virtualThreads());
        for (Map.Entry<String, StackTraceElement[]> entry : threads) {
            if (!inExerciseCode(entry.getValue())) {
                continue;
            }
            Optional<String> at = where(entry.getValue());
            if (at.isPresent()) {
                if (others.size() < MOST_THREADS) {
                    others.add(entry.getKey() + " " + at.get());
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
     * Where a thread was: the method the exercise's code called and was still inside (the frame just
     * above its innermost line of exercise code) and that line, for example "waited in
     * CompletableFuture.join, called from WorkerProcess.destroyTree (WorkerProcess.java:88)".
     */
    private static Optional<String> where(StackTraceElement[] stack) {
        int code = 0;
        while (code < stack.length && !exerciseFrame(stack[code])) {
            code++;
        }
        if (code == stack.length) {
            return Optional.empty();
        }
        String called = simple(stack[code]) + " (" + stack[code].getFileName() + ":" + stack[code].getLineNumber() + ")";
        return Optional.of(code == 0 ? "ran at " + called : "waited in " + simple(stack[code - 1]) + ", called from " + called);
    }

    private static final Pattern VIRTUAL_THREAD = Pattern.compile("^#(\\d+) \"(.*)\" virtual\\b.*$");
    private static final Pattern FRAME = Pattern.compile("^(?:at )?(?:[^/ ]+/)?([\\w.$]+)\\.([\\w$<>]+)\\((?:([^:)]+):(\\d+))?[^)]*\\)$");

    /**
     * The virtual threads and their stacks, which {@link Thread#getAllStackTraces()} leaves out: read
     * from a thread dump in plain text, the one view of the JDK that shows them. Empty when no dump can be taken.
     */
    private static List<Map.Entry<String, StackTraceElement[]>> virtualThreads() {
        try {
            Path folder = Files.createTempDirectory("workshop-threads");
            Path dump = folder.resolve("threads.txt");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
                return virtualThreadsOf(Files.readAllLines(dump));
            } finally {
                Files.deleteIfExists(dump);
                Files.deleteIfExists(folder);
            }
        } catch (IOException | RuntimeException unavailable) {
            return List.of();
        }
    }

    /** The virtual threads of a plain-text thread dump, each named as a message names it, with its frames. */
    static List<Map.Entry<String, StackTraceElement[]>> virtualThreadsOf(List<String> dump) {
        List<Map.Entry<String, StackTraceElement[]>> threads = new ArrayList<>();
        String name = null;
        List<StackTraceElement> frames = new ArrayList<>();
        for (String raw : dump) {
            String line = raw.strip();
            Matcher header = VIRTUAL_THREAD.matcher(line);
            Matcher frame = FRAME.matcher(line);
            if (line.startsWith("#")) {
                if (name != null) {
                    threads.add(Map.entry(name, frames.toArray(StackTraceElement[]::new)));
                }
                name = header.matches() ? (header.group(2).isEmpty() ? "virtual thread #" + header.group(1)
                        : "virtual thread '" + header.group(2) + "'") : null;
                frames.clear();
            } else if (name != null && frame.matches()) {
                frames.add(new StackTraceElement(frame.group(1), frame.group(2), frame.group(3),
                        frame.group(4) == null ? -1 : Integer.parseInt(frame.group(4))));
            }
        }
        if (name != null) {
            threads.add(Map.entry(name, frames.toArray(StackTraceElement[]::new)));
        }
        return threads;
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
