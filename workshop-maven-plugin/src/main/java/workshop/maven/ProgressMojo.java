package workshop.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Puts an exercise on the table that this Maven run prints when it ends ({@link TableAtExit}).
 *
 * <p>Bound to {@code validate}, before anything can fail, so that an exercise that does not compile is
 * still named at the end. The table itself is written by the exercise's test JVM (the kit's progress
 * report); this goal only decides when it is shown: after Maven's own summary and error lines, as the
 * last thing on the screen, also with {@code -q}. A run that does not reach the tests (say
 * {@code ./mvnw compile}) shows no table.
 */
@Mojo(name = "progress", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class ProgressMojo extends AbstractMojo {

    /** The phases that run an exercise's checks. */
    private static final List<String> TESTING = List.of("test", "prepare-package", "package", "pre-integration-test",
            "integration-test", "post-integration-test", "verify", "install", "deploy", "surefire:test");

    /** The run's build stamp, the one the exercise's test JVM writes beside its report ({@code ${maven.build.timestamp}}). */
    @Parameter(required = true)
    private String build;

    /** The exercise's folder. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File exercise;

    /** Set when the exercise's checks do not run in this build (for example {@code -DskipTests}). */
    @Parameter(defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Override
    public void execute() {
        if (!skip && session.getGoals().stream().anyMatch(TESTING::contains)) {
            TableAtExit.forBuild(build).cover(exercise.toPath());
        }
    }
}
