package workshop.cli.watch;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.Progress;
import workshop.cli.workspace.TestRunOptions;
import workshop.cli.workspace.WorkshopCommand;
import workshop.cli.workspace.WorkshopException;
import workshop.cli.workspace.Workspace;

/**
 * {@code ./workshop watch [EXERCISE]}: runs an exercise's tests again on every save of one of its
 * sources and shows the verdict with its teaching message, until Ctrl-C: the verdict of the step the
 * learner is on as soon as its checks have run, then the progress table.
 *
 * <p>Per save it compiles only what changed, in this JVM, and runs the tests in a fresh JVM (see
 * {@link WatchLoop}); the test class path comes from Maven once ({@link TestClasspath}).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Runs an exercise's tests whenever you save one of its sources, and shows the verdict:",
                "first that of the step you are on (its checks run first), then, once all have run,",
                "the progress table with the next failing check's teaching message, as ./mvnw test does.",
                "A file that does not compile shows the compiler's message; watching goes on. Ctrl-C stops it."})
public final class WatchCommand extends WorkshopCommand {

    private static final int RELEASE = 21;

    @Parameters(arity = "0..1", paramLabel = "EXERCISE",
            description = "exercise name or number (default: the next one, as status shows it)")
    String exercise;

    @Option(names = "--poll", description = "look for saves every 300 ms instead of using file events (for file systems that send none)")
    boolean poll;

    @Option(names = "--output", description = "also show what the tests printed")
    boolean output;

    @Mixin
    TestRunOptions testRun;

    @Override
    public Integer call() throws InterruptedException {
        Workspace workspace = Workspace.locate();
        PrintWriter out = out();
        Duration limit = testRun.limit();
        Exercise chosen;
        if (exercise != null) {
            chosen = workspace.exercise(exercise);
        } else {
            Progress next = workspace.nextUnfinished().orElse(null);
            if (next == null) {
                out.println("Every check of every exercise passes. Name the exercise to watch: ./workshop watch 01");
                return ExitCode.OK;
            }
            chosen = next.exercise();
        }
        List<Path> libraries = TestClasspath.of(workspace, chosen, out);
        Path classes = chosen.dir().resolve("target/classes");
        Path testClasses = chosen.dir().resolve("target/test-classes");
        IncrementalCompiler compiler;
        try {
            compiler = new IncrementalCompiler(List.of(new IncrementalCompiler.Tree(chosen.sources(), classes),
                    new IncrementalCompiler.Tree(chosen.visibleTests(), testClasses)), libraries, RELEASE);
        } catch (IllegalStateException noCompiler) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, noCompiler.getMessage() + ".", noCompiler);
        }

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("workshop.lesson", chosen.readme().toAbsolutePath().toString());
        testRun.addTo(properties);
        List<Path> classpath = new ArrayList<>(List.of(testClasses, classes));
        classpath.addAll(libraries);
        TestRuns testRuns = new TestRuns(classpath, testClasses, properties, limit,
                chosen.dir().resolve("target/workshop/watch"));

        SourceWatcher watcher = new SourceWatcher(List.of(chosen.sources(), chosen.visibleTests()),
                poll ? SourceWatcher.Mode.POLLING : SourceWatcher.Mode.EVENTS);
        WatchLoop loop = new WatchLoop(new WatchLoop.Exercise(chosen.name(), chosen.dir(), chosen.report(), output),
                compiler, watcher, testRuns, out);
        // Ctrl-C: stop the loop, which ends the test JVM with everything it started, before this JVM exits.
        Thread command = Thread.currentThread();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            command.interrupt();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM exits anyway
            }
        }, "watch-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            loop.run();
            return ExitCode.OK;
        } catch (InterruptedException e) {
            return ExitCode.INTERRUPTED;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has what it waited for
            }
        }
    }
}
