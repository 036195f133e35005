package workshop.cli.grade;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workshop.cli.workspace.AtomicFiles;
import workshop.cli.workspace.Commands;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.TestRunOptions;
import workshop.cli.workspace.WorkshopCommand;
import workshop.cli.workspace.WorkshopException;
import workshop.cli.workspace.Workspace;

/**
 * {@code ./workshop grade SUBMISSIONS --out DIR}: grades every submission's exercises with the visible
 * and hidden tests, and writes the gradebook, the class summary and one Gradescope results.json each.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grades a folder of submissions (each a learner's folder or .zip; its name is the learner's id).",
                "Only each exercise's src/main/java is taken from a submission; it is compiled and run against the visible",
                "and hidden tests in a separate JVM under a hard time limit. Writes DIR/gradebook.csv, DIR/summary.md,",
                "DIR/summary.html and DIR/<learner>/results.json (Gradescope's format), each written atomically. A progress report",
                "handed in beside the exercises (./workshop status --report) is kept as DIR/<learner>/progress.md, and the",
                "summary says whether the checks it claims passed pass here.",
                "Needs the solutions built (./mvnw verify -Psolutions); it builds them if they are missing."})
public final class GradeCommand extends WorkshopCommand {

    @Parameters(paramLabel = "SUBMISSIONS", description = "folder whose entries are submissions (folders or .zip files)")
    Path submissions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the gradebook and reports")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "exercises graded at once, each of one submission (default: three per core); up to that, timing checks share the machine"
                    + " and what they fail there runs again alone; with more, they run one at a time, alone")
    Integer jobs;

    @Mixin
    TestRunOptions testRun;

    @Option(names = "--check-timeout", paramLabel = "SECONDS",
            description = "time limit of one check (default: the kit's, 60 s)")
    Integer checkTimeout;

    @Option(names = "--keep-work", description = "keep the scratch folders (DIR/.work) for inspection")
    boolean keepWork;

    @Option(names = "--exercises", split = ",", paramLabel = "EXERCISE",
            description = "grade only these exercises, by number or name (default: every exercise with a reference solution);"
                    + " for example --exercises 01,02,03,04 when the optional exercise 05 was not offered")
    List<String> only;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = Workspace.locate();
        PrintWriter stdout = out();
        PrintWriter err = err();
        workspace.requireInstructorEdition("grading");
        if (!Files.isDirectory(submissions)) {
            throw new WorkshopException(ExitCode.USAGE, submissions + " is not a folder of submissions.");
        }
        if (jobs == null) {
            jobs = Grader.sharedJobs();
        }
        if (jobs < 1) {
            throw new WorkshopException(ExitCode.USAGE, "--jobs must be at least 1.");
        }
        List<Exercise> exercises = workspace.exercises().stream()
                .filter(e -> workspace.solution(e).map(s -> Files.isDirectory(s.resolve("src/main/java"))).orElse(false)).toList();
        if (exercises.isEmpty()) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, "no exercise has a reference solution under solutions/ to grade against.");
        }
        if (only != null) {
            List<Exercise> chosen = only.stream().map(workspace::exercise).distinct().toList();
            for (Exercise exercise : chosen) {
                if (!exercises.contains(exercise)) {
                    throw new WorkshopException(ExitCode.USAGE, exercise.name() + " has no reference solution under solutions/ to grade against.");
                }
            }
            exercises = exercises.stream().filter(chosen::contains).toList();
        }
        ensureBuilt(workspace, exercises, err);
        if (jobs > Grader.sharedJobs()) {
            err.println("With more than " + Grader.sharedJobs() + " jobs on " + Runtime.getRuntime().availableProcessors()
                    + " cores the timing checks could fail for want of a free core: they run one at a time, alone.");
        }

        Path outDir = out.toAbsolutePath().normalize();
        Path work = outDir.resolve(".work");
        Commands.deleteTree(work);
        Files.createDirectories(work);
        Thread reaper = new Thread(GradeCommand::killChildren, "grading-cleanup");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            Map<String, String> properties = new LinkedHashMap<>();
            if (checkTimeout != null) {
                properties.put("junit.jupiter.execution.timeout.default", checkTimeout + " s");
            }
            testRun.addTo(properties);
            try (Grader grader = new Grader(workspace, testRun.limit(), properties, jobs, outDir)) {
                List<Grader.Graded> graded = new ArrayList<>();
                for (Exercise exercise : exercises) {
                    err.print("Listing the checks of " + exercise.name() + " ... ");
                    err.flush();
                    Grader.Graded loaded = grader.load(exercise, work.resolve(".checks"));
                    err.println(loaded.checks().size() + " checks, " + (loaded.max("correctness") + loaded.max("timing")) + " points");
                    graded.add(loaded);
                }
                List<SubmissionFolder> entries = SubmissionFolder.list(submissions);
                List<Gradebook.SubmissionGrade> grades = gradeAll(grader, graded, entries, work, err);

                Gradebook book = new Gradebook(graded, grades);
                AtomicFiles.write(outDir.resolve("gradebook.csv"), book.csv());
                AtomicFiles.write(outDir.resolve("summary.md"), book.markdown());
                AtomicFiles.write(outDir.resolve("summary.html"), book.html());
                for (Gradebook.SubmissionGrade grade : grades) {
                    stdout.printf("%-24s %4d/%d  %s%n", grade.learner(), grade.total(), book.max(), Grader.firstLine(grade.status()));
                }
                if (grader.gradedAlike() > 0) {
                    stdout.println(grader.gradedAlike() + " exercise(s) had the same sources as another submission's (an untouched"
                            + " stub, most often): graded once, with the same grade.");
                }
                stdout.println("Wrote " + outDir.resolve("gradebook.csv") + ", summary.md, summary.html and "
                        + grades.size() + " results.json.");
                stdout.flush();
                return ExitCode.OK;
            }
        } finally {
            killChildren();
            if (!keepWork) {
                Commands.deleteTree(work);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /**
     * Grades every submission, {@link #jobs} exercises at a time: a job takes one exercise of one
     * submission, so the exercises of a slow submission spread over the jobs instead of holding one.
     */
    private List<Gradebook.SubmissionGrade> gradeAll(Grader grader, List<Grader.Graded> graded, List<SubmissionFolder> entries,
                                                     Path work, PrintWriter err) throws InterruptedException, ExecutionException {
        Progress bar = new Progress(entries.size(), err);
        List<CompletableFuture<Gradebook.SubmissionGrade>> grades = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(jobs)) {
            for (SubmissionFolder entry : entries) {
                grades.add(gradeOne(grader, graded, entry, work.resolve(safe(entry.learner())), pool).thenApply(timed -> {
                    Path learnerOut = out.toAbsolutePath().resolve(safe(entry.learner()));
                    AtomicFiles.write(learnerOut.resolve("results.json"), Gradebook.resultsJson(timed.grade()));
                    if (timed.grade().report() != null) {
                        AtomicFiles.write(learnerOut.resolve("progress.md"), timed.grade().report().text());
                    }
                    bar.done(entry.learner(), timed.took());
                    return timed.grade();
                }));
            }
            CompletableFuture.allOf(grades.toArray(CompletableFuture[]::new)).get();
        }
        bar.finish();
        return grades.stream().map(CompletableFuture::resultNow).toList();
    }

    /** A submission's grade, and the time from its first exercise's start to its last exercise's end. */
    private record TimedGrade(Gradebook.SubmissionGrade grade, Duration took) {
    }

    /**
     * Opens a submission and grades each of its exercises as a job of {@code pool}; complete once every
     * exercise's runs are done (see {@link Grader#grade}).
     */
    private static CompletableFuture<TimedGrade> gradeOne(Grader grader, List<Grader.Graded> graded,
                                                          SubmissionFolder entry, Path scratch, Executor pool) {
        SubmissionFolder.Opened opened;
        try {
            Files.createDirectories(scratch);
            opened = entry.open(scratch);
        } catch (IOException | RuntimeException e) {
            Commands.deleteTree(scratch);
            return CompletableFuture.failedFuture(e);
        }
        AtomicLong started = new AtomicLong();
        List<CompletableFuture<Grader.ExerciseGrade>> exercises = new ArrayList<>();
        for (Grader.Graded exercise : graded) {
            exercises.add(opened.root() == null ? CompletableFuture.completedFuture(Grader.failedAll(exercise, opened.problem()))
                    : CompletableFuture.supplyAsync(() -> {
                        started.compareAndSet(0, System.nanoTime());
                        return grader.grade(opened.root(), exercise, scratch);
                    }, pool).thenCompose(grade -> grade));
        }
        return CompletableFuture.allOf(exercises.toArray(CompletableFuture[]::new))
                .handle((done, failure) -> {
                    List<Grader.ExerciseGrade> grades = exercises.stream().map(CompletableFuture::join).toList();
                    HandedInReport report = HandedInReport.find(opened.root(), grades);
                    Commands.deleteTree(scratch);
                    long now = System.nanoTime();
                    return new TimedGrade(new Gradebook.SubmissionGrade(entry.learner(), grades, opened.problem(), report),
                            Duration.ofNanos(started.get() == 0 ? 0 : now - started.get()));
                });
    }

    static String safe(String learner) {
        String cleaned = learner.replaceAll("[^A-Za-z0-9._@+-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

    private static void ensureBuilt(Workspace workspace, List<Exercise> exercises, PrintWriter err) {
        boolean missing = exercises.stream().map(e -> workspace.solution(e).orElseThrow())
                .anyMatch(s -> !Files.isRegularFile(s.resolve("target/test-classpath.txt")) || !Files.isDirectory(s.resolve("target/test-classes")));
        if (!missing) {
            return;
        }
        err.println("Building the solutions first (./mvnw -q -Psolutions -DskipTests verify), once ...");
        err.flush();
        List<String> command = new ArrayList<>(Commands.mavenWrapper(workspace.root()));
        command.addAll(List.of("-q", "-B", "-Psolutions", "-DskipTests", "verify"));
        Commands.Ran built = Commands.run(workspace.root(), command);
        if (!built.ok()) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, "the solutions do not build (./mvnw -Psolutions -DskipTests verify): "
                    + built.text().lines().filter(l -> l.contains("ERROR")).findFirst().orElse("exit code " + built.exitCode()).strip());
        }
    }

    /** Kills every process this JVM started (a forked test run and all it left), e.g. on Ctrl-C. */
    static void killChildren() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** A progress bar over submissions, on standard error; one line per submission when it is not a terminal. */
    private static final class Progress {
        private final int total;
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;
        private final AtomicInteger done = new AtomicInteger();

        Progress(int total, PrintWriter err) {
            this.total = total;
            this.err = err;
            draw("");
        }

        synchronized void done(String learner, Duration took) {
            int n = done.incrementAndGet();
            String last = String.format("%s (%.1f s)", learner, took.toMillis() / 1000.0);
            if (terminal) {
                draw("last: " + last);
            } else {
                err.println("graded " + n + "/" + total + ": " + last);
                err.flush();
            }
        }

        private void draw(String detail) {
            if (!terminal) {
                return;
            }
            int width = 30;
            int n = done.get();
            int filled = total == 0 ? width : width * n / total;
            err.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + n + "/" + total + " submissions " + detail + "   ");
            err.flush();
        }

        void finish() {
            if (terminal) {
                err.println();
                err.flush();
            }
        }
    }
}
