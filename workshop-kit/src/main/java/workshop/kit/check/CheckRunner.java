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
 * <p>Usage: {@code CheckRunner REPORT SELECTOR...}, where a selector is a class name or
 * {@code class#method}.
 */
public final class CheckRunner {

    private CheckRunner() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: CheckRunner REPORT SELECTOR...  (a selector is a class or class#method)");
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
        launcher.execute(request, new CheckRecorder(Path.of(args[0])));
        System.exit(0);
    }
}
