package workshop.cli.workspace;

import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of a command that runs an exercise's checks in JVMs of their own (watch, grade). */
public final class TestRunOptions {

    @Option(names = "--limit", defaultValue = "300", paramLabel = "SECONDS",
            description = "hard limit of one test run, after which its whole process tree is killed (default ${DEFAULT-VALUE})")
    int limitSeconds;

    @Option(names = "--time-factor", paramLabel = "FACTOR", description = "scales every delay and budget of the tests (default 1)")
    String timeFactor;

    /** The hard limit of one test run; fails in one sentence when it is below a second. */
    public Duration limit() {
        if (limitSeconds < 1) {
            throw new WorkshopException(ExitCode.USAGE, "--limit must be at least 1 second.");
        }
        return Duration.ofSeconds(limitSeconds);
    }

    /** Adds what the tests' JVMs need to know of these options to their system properties. */
    public void addTo(Map<String, String> properties) {
        if (timeFactor != null) {
            properties.put("workshop.time.factor", timeFactor);
        }
    }
}
