package workshop.kit.check;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of a forked check run (see {@link ForkedCheckRun}): runs the selected checks with
 * the JUnit Platform and writes their outcomes, one line each as they happen, to a report.
 *
 * <p>Usage: {@code CheckRunner [--list] REPORT SELECTOR...}, where a selector is a class name or
 * {@code class#method}. With {@code --list} the checks are only discovered, not run: the report
 * lists each one (as skipped) with its kind, points and step.
 */
public final class CheckRunner {

    static final String LIST = "--list";

    private CheckRunner() {
    }

    public static void main(String[] args) {
        boolean listOnly = args.length > 0 && args[0].equals(LIST);
        if (listOnly) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        if (args.length < 2) {
            System.err.println("usage: CheckRunner [--list] REPORT SELECTOR...  (a selector is a class or class#method)");
            System.exit(2);
        }
        List<DiscoverySelector> selectors = Arrays.stream(args).skip(1)
                .map(selector -> selector.contains("#")
                        ? DiscoverySelectors.selectMethod(selector)
                        : DiscoverySelectors.selectClass(selector))
                .map(DiscoverySelector.class::cast)
                .toList();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        // A check that calls System.exit leaves its processes behind: once this JVM is gone they are
        // no longer its descendants and nobody could find them. Kill them on the way out.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "check-process-reaper"));
        Launcher launcher = LauncherFactory.create();
        CheckRecorder recorder = new CheckRecorder(Path.of(args[0]));
        if (listOnly) {
            recorder.list(launcher.discover(request));
        } else {
            launcher.execute(request, recorder);
        }
        System.exit(0);
    }
}
