package workshop.kit.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of a forked check run (see {@link ForkedCheckRun}): runs the selected checks with
 * the JUnit Platform and writes their outcomes, one line each as they happen, to a report.
 *
 * <p>Usage: {@code CheckRunner [--list | --step-first N] REPORT SELECTOR...}, where a selector is a
 * class name or {@code class#method}. With {@code --list} the checks are only discovered, not run:
 * the report lists each one (as skipped) with its kind, points and step. With {@code --step-first N}
 * the checks of lesson step N run first and, once they have all ended, the file
 * {@link #stepDone(Path) REPORT.step-done} appears (the step and how many milliseconds its checks
 * took, tab-separated); then the other checks run. Listeners see one run
 * (one progress table at the end), so the report and the table are those of a plain run.
 */
public final class CheckRunner {

    static final String LIST = "--list";
    /** Runs one step's checks before the others; see the class comment. */
    public static final String STEP_FIRST = "--step-first";

    private CheckRunner() {
    }

    /** The file a {@code --step-first} run creates once the step's checks have ended, beside its report. */
    public static Path stepDone(Path report) {
        return report.resolveSibling(report.getFileName() + ".step-done");
    }

    public static void main(String[] args) {
        boolean listOnly = args.length > 0 && args[0].equals(LIST);
        if (listOnly) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        int stepFirst = 0;
        if (args.length > 1 && args[0].equals(STEP_FIRST)) {
            stepFirst = Integer.parseInt(args[1]);
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        if (args.length < 2) {
            System.err.println("usage: CheckRunner [--list | --step-first N] REPORT SELECTOR...  (a selector is a class or class#method)");
            System.exit(2);
        }
        List<DiscoverySelector> selectors = Arrays.stream(args).skip(1)
                .map(selector -> selector.contains("#")
                        ? DiscoverySelectors.selectMethod(selector)
                        : DiscoverySelectors.selectClass(selector))
                .map(DiscoverySelector.class::cast)
                .toList();
        // A check that calls System.exit leaves its processes behind: once this JVM is gone they are
        // no longer its descendants and nobody could find them. Kill them on the way out.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "check-process-reaper"));
        Path report = Path.of(args[0]);
        CheckRecorder recorder = new CheckRecorder(report);
        if (listOnly) {
            recorder.list(LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build()));
        } else if (stepFirst > 0) {
            runStepFirst(stepFirst, selectors, recorder, stepDone(report));
        } else {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), recorder);
        }
        System.exit(0);
    }

    /** Two launcher runs, the step's checks and then the others, shown to every listener as one. */
    private static void runStepFirst(int step, List<DiscoverySelector> selectors, CheckRecorder recorder, Path stepDone) {
        List<TestExecutionListener> listeners = new ArrayList<>();
        ServiceLoader.load(TestExecutionListener.class).forEach(listeners::add);
        listeners.add(recorder);
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        long started = System.nanoTime();
        launcher.execute(request(selectors, step, true), new OneRunOfTwo(listeners, false));
        try {
            Files.writeString(stepDone, step + "\t" + (System.nanoTime() - started) / 1_000_000 + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stepDone, e);
        }
        launcher.execute(request(selectors, step, false), new OneRunOfTwo(listeners, true));
    }

    private static LauncherDiscoveryRequest request(List<DiscoverySelector> selectors, int step, boolean ofTheStep) {
        PostDiscoveryFilter byStep = descriptor -> {
            if (descriptor.getSource().orElse(null) instanceof MethodSource source) {
                boolean inStep = CheckRecorder.stepOf(source.getJavaMethod()) == step;
                return inStep == ofTheStep ? FilterResult.included("step " + step) : FilterResult.excluded("another run");
            }
            return FilterResult.included("a container"); // emptied containers are pruned
        };
        return LauncherDiscoveryRequestBuilder.request().selectors(selectors).filters(byStep).build();
    }

    /** Passes every event on, but the end of the plan only in the last of the two runs. */
    private record OneRunOfTwo(List<TestExecutionListener> listeners, boolean last) implements TestExecutionListener {

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            listeners.forEach(listener -> listener.testPlanExecutionStarted(testPlan));
        }

        @Override
        public void testPlanExecutionFinished(TestPlan testPlan) {
            if (last) {
                listeners.forEach(listener -> listener.testPlanExecutionFinished(testPlan));
            }
        }

        @Override
        public void dynamicTestRegistered(TestIdentifier testIdentifier) {
            listeners.forEach(listener -> listener.dynamicTestRegistered(testIdentifier));
        }

        @Override
        public void executionSkipped(TestIdentifier testIdentifier, String reason) {
            listeners.forEach(listener -> listener.executionSkipped(testIdentifier, reason));
        }

        @Override
        public void executionStarted(TestIdentifier testIdentifier) {
            listeners.forEach(listener -> listener.executionStarted(testIdentifier));
        }

        @Override
        public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
            listeners.forEach(listener -> listener.executionFinished(testIdentifier, result));
        }

        @Override
        public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
            listeners.forEach(listener -> listener.reportingEntryPublished(testIdentifier, entry));
        }

        @Override
        public void fileEntryPublished(TestIdentifier testIdentifier, FileEntry file) {
            listeners.forEach(listener -> listener.fileEntryPublished(testIdentifier, file));
        }
    }
}
