package workshop.cli.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import workshop.kit.check.CheckRunner;

/**
 * The main class of a test JVM started before the save it will test (see {@link TestJvm}): it warms
 * up the JUnit Platform with a test of its own, then waits for one line on standard input, the
 * arguments of the kit's {@link CheckRunner} separated by tabs, and runs them once. The exercise's
 * classes are loaded only then, after the save was compiled.
 *
 * <p>Usage: {@code StandbyRunner [WARM_UP_CLASS]}. An empty line or the end of input ends it without running anything.
 */
public final class StandbyRunner {

    private StandbyRunner() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && !args[0].isBlank()) {
            warmUp(args[0]);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isBlank()) {
            System.exit(0);
        }
        String[] arguments = line.split("\t");
        if (arguments.length > 2 && arguments[0].equals(CheckRunner.STEP_FIRST) && !runsStepsFirst()) {
            arguments = Arrays.copyOfRange(arguments, 2, arguments.length); // an older kit: the whole run, as before
        }
        CheckRunner.main(arguments);
    }

    /** Whether the kit on this class path knows {@code --step-first} (one from an older build may not). */
    private static boolean runsStepsFirst() {
        try {
            CheckRunner.class.getMethod("stepDone", Path.class);
            return true;
        } catch (NoSuchMethodException older) {
            return false;
        }
    }

    /** Runs a trivial test without the workshop's listeners, so the run that counts finds the code paths loaded and compiled. */
    private static void warmUp(String testClass) {
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(testClass)).build());
        } catch (RuntimeException | LinkageError e) {
            // the run that counts is only slower
        }
    }
}
