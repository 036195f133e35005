package workshop.cli.watch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.ForkedCheckRun;
import workshop.kit.check.Lesson;
import workshop.kit.check.SourceDigest;
import workshop.kit.check.StepFigures;

/**
 * Compiles and tests an exercise on every save until interrupted: the first verdict at once, then
 * one per save. The checks of the step the learner is on (the lowest step that failed last time) run
 * first and their verdict shows as soon as they end; the progress table follows once all have run.
 * A save during a test run stops that run and starts over; a file that does not compile shows the
 * compiler's first message and waiting goes on.
 *
 * <p>Three threads: the caller's, which compiles and prints; one that waits for saves; one per test
 * run. They talk through one queue, so only the caller's thread prints. Interrupting the caller's
 * thread ends the loop, and with it both others and the test JVM with all it started.
 */
public final class WatchLoop {

    private static final String TABLE_RULE = "-".repeat(78);
    private static final String TABLE_TITLE = " Blocking to Concurrent: your progress";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Duration THREAD_END = Duration.ofSeconds(10);

    /**
     * What the loop watches and how it reports.
     *
     * @param name        the exercise's name, for messages
     * @param dir         the exercise's folder; paths are shown relative to it
     * @param report      where the outcomes of the last run are kept for {@code ./workshop status} and {@code hint}
     * @param showOutput  whether to show what the tests printed, not only the verdict
     */
    public record Exercise(String name, Path dir, Path report, boolean showOutput) {
    }

    private sealed interface Signal {
    }

    private record Saved(Set<Path> files) implements Signal {
    }

    private record Finished(int run, ForkedCheckRun.Result result, RuntimeException problem, long sinceMillis, String since) implements Signal {
    }

    private record WatchFailed(RuntimeException problem) implements Signal {
    }

    /** The checks of the step run first have ended; the others still run. */
    private record StepJudged(int run, int step, TestRuns.StepVerdict verdict, long sinceMillis, String since) implements Signal {
    }

    private final Exercise exercise;
    private final IncrementalCompiler compiler;
    private final SourceWatcher watcher;
    private final TestRuns testRuns;
    private final PrintWriter out;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private Thread running;
    /** Numbers the runs; a run's verdict counts only while no newer run started and no save stopped it. */
    private int runs;
    private long runStartedMillis;
    /** Each check's outcome when it last ran, by id: what decides the step that runs first. */
    private final Map<String, CheckOutcome> lastKnown = new LinkedHashMap<>();

    public WatchLoop(Exercise exercise, IncrementalCompiler compiler, SourceWatcher watcher, TestRuns testRuns, PrintWriter out) {
        this.exercise = exercise;
        this.compiler = compiler;
        this.watcher = watcher;
        this.testRuns = testRuns;
        this.out = out;
    }

    /**
     * Runs until interrupted; everything it started has ended when it returns.
     *
     * @throws InterruptedException when interrupted (the usual way to end it)
     */
    public void run() throws InterruptedException {
        Thread waiting = Thread.ofPlatform().name("watch-saves").start(this::waitForSaves);
        try {
            testRuns.prepare();
            out.println("Compiling " + exercise.name() + " ...");
            out.flush();
            check(compiler::compileEverything, System.currentTimeMillis(), "the start");
            while (true) {
                Signal signal = signals.take();
                switch (signal) {
                    case Saved saved -> saved(saved);
                    case Finished finished -> finished(finished);
                    case StepJudged judged -> stepJudged(judged);
                    case WatchFailed failed -> throw failed.problem();
                }
            }
        } finally {
            waiting.interrupt();
            testRuns.close();
            cancelRun();
            join(waiting);
            watcher.close();
            out.println();
            out.println("Stopped watching " + exercise.name() + ".");
            out.flush();
        }
    }

    private void waitForSaves() {
        try {
            while (true) {
                signals.put(new Saved(watcher.awaitChanges()));
            }
        } catch (InterruptedException stop) {
            // the loop ends
        } catch (RuntimeException e) {
            signals.add(new WatchFailed(e));
        }
    }

    private void saved(Saved first) {
        // Editors write several files, or one file several times: take every save already noticed.
        Set<Path> files = new TreeSet<>(first.files());
        List<Signal> others = new ArrayList<>();
        signals.drainTo(others);
        for (Signal other : others) {
            if (other instanceof Saved saved) {
                files.addAll(saved.files());
            } else {
                signals.add(other);
            }
        }
        if (running != null) {
            cancelRun();
            out.println("(the test run was stopped: a newer save)");
        }
        long savedAt = files.stream().mapToLong(WatchLoop::modified).max().orElse(System.currentTimeMillis());
        out.println();
        out.println("[" + LocalTime.now().format(CLOCK) + "] saved " + files.stream().map(this::shown).collect(Collectors.joining(", ")));
        out.flush();
        check(() -> compiler.compile(files), savedAt, "the save");
    }

    /** Compiles, then starts a test run when it compiled, or shows why it did not. */
    private void check(Supplier<IncrementalCompiler.Result> compile, long sinceMillis, String since) {
        long compileStart = System.nanoTime();
        switch (compile.get()) {
            case IncrementalCompiler.Failed failed -> {
                out.println("Does not compile:");
                out.println("  " + (failed.file() == null ? "" : shown(failed.file()) + ":" + failed.line() + ": ") + "error: " + failed.message());
                if (!failed.sourceLine().isBlank()) {
                    out.println("  " + failed.sourceLine());
                    if (failed.column() > 0) {
                        out.println("  " + " ".repeat((int) failed.column() - 1) + "^");
                    }
                }
                if (failed.errors() > 1) {
                    out.println("  (" + (failed.errors() - 1) + " more error" + (failed.errors() > 2 ? "s" : "") + ")");
                }
                watching();
            }
            case IncrementalCompiler.Compiled ok -> {
                int step = currentStep();
                out.printf("Compiled %d file%s in %.2f s; running the tests%s ...%n", ok.sources(), ok.sources() == 1 ? "" : "s",
                        (System.nanoTime() - compileStart) / 1e9, step > 0 ? ", step " + step + "'s first" : "");
                out.flush();
                int run = ++runs;
                runStartedMillis = System.currentTimeMillis();
                running = Thread.ofPlatform().name("watch-test-run").start(() -> {
                    try {
                        ForkedCheckRun.Result result = testRuns.run(step,
                                verdict -> signals.add(new StepJudged(run, step, verdict, sinceMillis, since)));
                        signals.add(new Finished(run, result, null, sinceMillis, since));
                    } catch (InterruptedException cancelled) {
                        // a newer save, or the end: nobody waits for this verdict
                    } catch (RuntimeException e) {
                        signals.add(new Finished(run, null, e, sinceMillis, since));
                    }
                });
            }
        }
    }

    private void finished(Finished finished) {
        if (finished.run() != runs || running == null) {
            return; // a run stopped for a newer save
        }
        join(running);
        running = null;
        if (finished.problem() != null) {
            out.println("The tests could not run: " + finished.problem().getMessage());
            watching();
            return;
        }
        ForkedCheckRun.Result result = finished.result();
        List<CheckOutcome> outcomes = result.outcomes();
        if (!outcomes.isEmpty()) {
            lastKnown.clear();
            outcomes.forEach(outcome -> lastKnown.put(outcome.id(), outcome));
        }
        keepReport();
        String table = table(result.output());
        if (exercise.showOutput()) {
            String printed = table.isEmpty() ? result.output() : result.output().substring(0, result.output().lastIndexOf(TABLE_RULE + "\n" + TABLE_TITLE));
            if (!printed.isBlank()) {
                out.println(printed.stripTrailing());
            }
        }
        printFigures();
        if (!table.isEmpty()) {
            out.println(table);
        } else {
            printWithoutTable(result);
        }
        long passing = outcomes.stream().filter(CheckOutcome::passed).count();
        double seconds = (System.currentTimeMillis() - finished.sinceMillis()) / 1000.0;
        out.printf("[%s] %d/%d checks pass%s (verdict %.1f s after %s)%n", LocalTime.now().format(CLOCK), passing, outcomes.size(),
                result.exitCode() == -1 ? ", the run was stopped at its hard limit of " + testRuns.limit().toSeconds() + " s" : "",
                seconds, finished.since());
        watching();
    }

    /**
     * The step the learner is on: the lowest step with a check that failed when it last ran (in the last
     * run, or the last step verdict, when a save stopped the rest of its run); before any run, the report
     * status reads, else the lesson's first step; 0, no step first, when all pass.
     */
    private int currentStep() {
        try {
            if (lastKnown.isEmpty() && Files.isRegularFile(exercise.report())) {
                CheckOutcome.read(exercise.report()).forEach(outcome -> lastKnown.put(outcome.id(), outcome));
            }
            if (lastKnown.isEmpty()) {
                return lesson().steps().stream().mapToInt(Lesson.LessonStep::number).filter(number -> number > 0).min().orElse(0);
            }
            return lastKnown.values().stream()
                    .filter(outcome -> !outcome.passed() && outcome.status() != CheckOutcome.Status.SKIPPED && outcome.step() > 0)
                    .mapToInt(CheckOutcome::step).min().orElse(0);
        } catch (IOException | RuntimeException unreadable) {
            return 0; // an unreadable report: the whole run, as before
        }
    }

    private Lesson lesson() {
        return Lesson.read(exercise.dir().resolve("README.md"));
    }

    /** Shows the verdict of the step that ran first, while the other checks still run. */
    private void stepJudged(StepJudged judged) {
        List<CheckOutcome> outcomes = judged.verdict().outcomes();
        if (judged.run() != runs || running == null || outcomes.isEmpty()) {
            return; // a stale run, or a step without checks here: the table tells
        }
        outcomes.forEach(outcome -> lastKnown.put(outcome.id(), outcome));
        long passing = outcomes.stream().filter(CheckOutcome::passed).count();
        String title = lesson().step(judged.step()).map(step -> " (" + step.title() + ")").orElse("");
        double seconds = (System.currentTimeMillis() - judged.sinceMillis()) / 1000.0;
        out.printf("[%s] Step %d%s: %d/%d checks pass%s (step verdict %.1f s after %s, its checks ran %.1f s);"
                        + " the other checks are running ...%n",
                LocalTime.now().format(CLOCK), judged.step(), title, passing, outcomes.size(),
                passing == outcomes.size() ? ", step done" : "", seconds, judged.since(), judged.verdict().checksTook().toMillis() / 1000.0);
        outcomes.stream().filter(outcome -> !outcome.passed()).limit(3).forEach(check -> {
            out.println("  FAILED  " + check.name());
            check.message().lines().limit(12).forEach(line -> out.println("          " + line));
        });
        out.flush();
    }

    /** Figures a check of this run measured for a step (exercise 04's honest comparison), shown as the build's output shows them. */
    private void printFigures() {
        for (StepFigures.Figures figures : StepFigures.read(exercise.dir())) {
            // file times may be a tick coarser than the clock
            if (figures.measured().toEpochMilli() >= runStartedMillis - 2_000) {
                out.println("Step " + figures.step() + "'s figures, measured on this machine by this run:");
                figures.text().lines().forEach(line -> out.println("  " + line));
            }
        }
    }

    /** The progress table the kit printed at the end of the run, as {@code ./mvnw test} shows it; empty when it is missing. */
    private static String table(String output) {
        int start = output.lastIndexOf(TABLE_RULE + "\n" + TABLE_TITLE);
        return start < 0 ? "" : output.substring(start).stripTrailing();
    }

    private void printWithoutTable(ForkedCheckRun.Result result) {
        List<CheckOutcome> failing = result.outcomes().stream().filter(outcome -> !outcome.passed()).toList();
        if (result.outcomes().isEmpty()) {
            out.println("No check ran. What the test JVM printed:");
            result.output().lines().limit(20).forEach(line -> out.println("  " + line));
            return;
        }
        failing.stream().limit(3).forEach(check -> {
            out.println("  FAILED  " + check.name());
            check.message().lines().limit(12).forEach(line -> out.println("          " + line));
        });
    }

    /** Keeps the run's outcomes where {@code ./workshop status} and {@code hint} read them. */
    private void keepReport() {
        Path fresh = testRuns.report();
        if (!Files.isRegularFile(fresh)) {
            return;
        }
        try {
            Files.createDirectories(exercise.report().getParent());
            Path temp = Files.createTempFile(exercise.report().getParent(), ".checks", ".tmp");
            Files.copy(fresh, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, exercise.report(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            SourceDigest.keep(exercise.dir());
        } catch (IOException | UncheckedIOException e) {
            out.println("(status and hint will not know this verdict: cannot write " + shown(exercise.report()) + ": " + e.getMessage() + ")");
        }
    }

    private void watching() {
        out.println("Watching " + exercise.name() + " (" + watcher.describeMode() + "); Ctrl-C to stop.");
        out.flush();
    }

    /** Stops the test run, if any, and waits until its JVM and all it started are gone; a verdict it posted already is dropped. */
    private void cancelRun() {
        runs++;
        if (running != null) {
            running.interrupt();
            join(running);
            running = null;
        }
    }

    private static void join(Thread thread) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!thread.join(THREAD_END)) {
                throw new IllegalStateException(thread.getName() + " did not end within " + THREAD_END.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String shown(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path dir = exercise.dir().toAbsolutePath().normalize();
        return absolute.startsWith(dir) ? dir.relativize(absolute).toString() : absolute.toString();
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException deleted) {
            return System.currentTimeMillis();
        }
    }
}
