package workshop.kit.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import workshop.kit.Budgets;

/**
 * Makes every test clean up after the code it tests: when a test ends, every thread it started
 * must have ended, every process it started must be gone, and no thread may have died of an
 * uncaught exception. Otherwise the test fails with a message that names what was left and how to
 * fix it (and leftover processes are killed, so they cannot disturb the next test).
 *
 * <p>Registered automatically for every test (JUnit's extension auto-detection, switched on in the
 * kit's {@code junit-platform.properties}). Threads get {@link Budgets#SETTLE} to end on their own.
 */
public final class WorkshopGuards implements BeforeEachCallback, AfterEachCallback {

    /** How a check that left threads running fails: they may slow down or break the checks after it in the same JVM. */
    public static final String THREADS_LEFT_BEHIND = " thread(s) started during this test were still running";

    private static final ExtensionContext.Namespace GUARDS = ExtensionContext.Namespace.create(WorkshopGuards.class);

    private record Baseline(Set<Long> threads, Set<Long> processes, Thread.UncaughtExceptionHandler handler,
                            List<String> uncaught) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        List<String> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) ->
                uncaught.add(thread.getName() + " died of " + failure));
        context.getStore(GUARDS).put(Baseline.class, new Baseline(
                liveThreads().stream().map(Thread::threadId).collect(Collectors.toSet()),
                descendants().stream().map(ProcessHandle::pid).collect(Collectors.toSet()),
                previous, uncaught));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Baseline baseline = context.getStore(GUARDS).remove(Baseline.class, Baseline.class);
        if (baseline == null) {
            return;
        }
        Thread.setDefaultUncaughtExceptionHandler(baseline.handler());
        long deadline = System.nanoTime() + Budgets.SETTLE.toNanos();
        List<Thread> threads;
        List<ProcessHandle> processes;
        do {
            threads = liveThreads().stream().filter(t -> !baseline.threads().contains(t.threadId())).toList();
            processes = descendants().stream().filter(p -> !baseline.processes().contains(p.pid())).toList();
            if (threads.isEmpty() && processes.isEmpty()) {
                break;
            }
            sleepBriefly();
        } while (System.nanoTime() < deadline);

        List<String> problems = new ArrayList<>();
        if (!processes.isEmpty()) {
            problems.add(processes.size() + " process(es) started during this test still ran " + Budgets.describe(Budgets.SETTLE)
                    + " after it ended: " + processes.stream().map(WorkshopGuards::describe).toList()
                    + ". Every process the code starts, and every process those start, must have ended when its method returns.");
            processes.forEach(WorkshopGuards::kill);
        }
        if (!threads.isEmpty()) {
            problems.add(threads.size() + THREADS_LEFT_BEHIND + " "
                    + Budgets.describe(Budgets.SETTLE) + " after it ended: "
                    + threads.stream().map(Thread::getName).limit(8).toList()
                    + ". Close every ExecutorService you create (try-with-resources), join every Thread you start,"
                    + " and close the HttpClient you own.");
        }
        if (!baseline.uncaught().isEmpty()) {
            problems.add("a thread died of an exception nobody collected: " + baseline.uncaught().getFirst()
                    + ". A failure in another thread must reach the caller: collect it through Future.get() or join and rethrow it.");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    /** Platform threads that belong to the code under test, not to the JVM, JUnit or the virtual-thread scheduler. */
    private static List<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !t.getClass().getName().equals("jdk.internal.misc.CarrierThread"))
                .filter(t -> !isInfrastructure(t.getName()))
                .toList();
    }

    /**
     * Threads the JDK, JUnit and Surefire start on demand and keep: the virtual-thread scheduler's pollers
     * among them, and the JDK's process reapers (which name themselves after the pid they wait for; a
     * process left behind is caught by the process check).
     */
    private static boolean isInfrastructure(String name) {
        return name.startsWith("junit-") || name.startsWith("surefire-") || name.startsWith("ForkJoinPool.commonPool-")
                || name.endsWith("-delayScheduler") || name.endsWith("Poller") || name.startsWith("VirtualThread-")
                || name.startsWith("process reaper") || name.equals("Attach Listener") || name.equals("Common-Cleaner");
    }

    private static List<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private static String describe(ProcessHandle process) {
        return "pid " + process.pid() + process.info().command().map(c -> " (" + fileName(c) + ")").orElse("");
    }

    private static String fileName(String command) {
        return command.substring(command.lastIndexOf('/') + 1);
    }

    private static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
