package workshop.cli.grade;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import workshop.cli.workspace.Commands;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.WorkshopException;
import workshop.cli.workspace.Workspace;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.Compilation;
import workshop.kit.check.ForkedCheckRun;
import workshop.kit.check.SourceDigest;
import workshop.kit.check.WorkshopGuards;

/**
 * Grades one exercise of one submission: only the learner's {@code src/main/java} is taken; it is
 * compiled in a scratch folder against the instructor tree's class path, and the visible and hidden
 * tests run against it in a separate JVM under a hard time limit (see {@link ForkedCheckRun}).
 *
 * <p>With up to {@link #sharedJobs()} jobs, every check of an exercise runs in one JVM that shares the
 * cores with the other jobs' runs, except a check that times computation: it needs every core, so it
 * runs alone on the machine at once (see {@link #compilerFor}). When a check leaves threads running,
 * which may break the checks after it, the correctness and the timing checks run again in JVMs apart.
 * Every timing check that does not pass there (a failure, or a skip for want of a free core) runs once
 * more, in a fresh JVM with only such checks, alone on the machine, and that run decides. So neither a
 * busy neighbour nor what a correctness check left behind can cost a timing point. A failure no busy
 * machine causes is not run again ({@link CheckOutcome#loadIndependent()}: code stuck at a hang guard,
 * calls in flight too few together or too many at once, a step not written yet). With more jobs, the
 * timing checks run in a JVM of their own, alone, one exercise at a time.
 *
 * <p>Sources handed in alike (an untouched stub, most often) are graded once per grading: an exercise
 * whose {@code .java} files have the same paths and bytes as another submission's gets that grade.
 * Identical code earns identical points, and the class is not held up by many runs of the same stub.
 */
final class Grader implements AutoCloseable {

    private static final Set<String> LINKAGE_ERRORS = Set.of("NoSuchMethodError", "NoClassDefFoundError",
            "NoSuchFieldError", "AbstractMethodError", "IncompatibleClassChangeError", "ClassNotFoundException");
    private static final long MAX_SOURCE_BYTES = 5L * 1024 * 1024;

    /** An exercise as the grader knows it: its tests, class path and checks (as listed from its tests, in their order). */
    record Graded(Exercise exercise, Path solution, Path testClasses, List<Path> testClasspath,
                  List<String> testClassNames, Set<String> visibleClassNames, List<CheckOutcome> checks) {

        String name() {
            return exercise.name();
        }

        int max(String kind) {
            return checks.stream().filter(c -> c.kind().equals(kind)).mapToInt(CheckOutcome::points).sum();
        }

        boolean visible(CheckOutcome check) {
            String className = check.id().substring(0, check.id().indexOf('#'));
            int nested = className.indexOf('$');
            return visibleClassNames.contains(nested < 0 ? className : className.substring(0, nested));
        }
    }

    /** One exercise of one submission, graded: every check of the exercise, and a one-line reason when something went wrong. */
    record ExerciseGrade(Graded exercise, List<CheckOutcome> checks, String reason) {

        int points(String kind) {
            return checks.stream().filter(CheckOutcome::passed).filter(c -> c.kind().equals(kind)).mapToInt(CheckOutcome::points).sum();
        }

        int points() {
            return points("correctness") + points("timing");
        }

        boolean allPassed() {
            return checks.stream().allMatch(CheckOutcome::passed);
        }
    }

    /** How the timing checks share the machine with other jobs. */
    enum Sharing {
        /** Up to {@link #sharedJobs()} jobs: timing checks share the machine; a failure a busy machine may cause runs again alone. */
        SHARED,
        /** More jobs: timing checks wait for the machine alone. */
        CROWDED
    }

    private final Workspace workspace;
    private final Duration limit;
    private final Map<String, String> systemProperties;
    private final Sharing sharing;
    private final Machine machine = new Machine();
    /**
     * Runs that need the machine alone wait for it here, each on a thread of its own, while the jobs go on:
     * the {@link Machine} lets them run one at a time, all that wait together in one turn.
     */
    private final ExecutorService aloneRuns = Executors.newCachedThreadPool(task -> new Thread(task, "grading-alone"));
    private final Path outsideView;
    /** The grade of each exercise's sources graded so far, by exercise and {@link SourceDigest}. */
    private final ConcurrentMap<String, CompletableFuture<ExerciseGrade>> bySources = new ConcurrentHashMap<>();
    private final AtomicInteger gradedAlike = new AtomicInteger();

    /**
     * @param jobs        how many submissions are graded at once
     * @param outsideView a folder the grader itself writes to (its output), left out of the instructor tree's fingerprint
     */
    Grader(Workspace workspace, Duration limit, Map<String, String> systemProperties, int jobs, Path outsideView) {
        this.workspace = workspace;
        this.outsideView = outsideView == null ? null : outsideView.toAbsolutePath().normalize();
        this.limit = limit;
        this.systemProperties = Map.copyOf(systemProperties);
        this.sharing = jobs <= sharedJobs() ? Sharing.SHARED : Sharing.CROWDED;
    }

    /**
     * Reads what the solutions build left for an exercise, and lists its checks (kind, points, order)
     * without running them; {@code scratch} holds the listing run.
     */
    Graded load(Exercise exercise, Path scratch) throws IOException {
        Path solution = workspace.solution(exercise).orElseThrow();
        Path testClasses = solution.resolve("target/test-classes");
        List<Path> classpath = Stream.of(Files.readString(solution.resolve("target/test-classpath.txt")).strip().split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        List<String> classNames;
        try (Stream<Path> walk = Files.walk(testClasses)) {
            classNames = walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .map(p -> testClasses.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", ""))
                    .sorted().toList();
        }
        Set<String> visible;
        if (Files.isDirectory(exercise.visibleTests())) {
            try (Stream<Path> walk = Files.walk(exercise.visibleTests())) {
                visible = walk.filter(p -> p.toString().endsWith(".java"))
                        .map(p -> exercise.visibleTests().relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.java$", ""))
                        .collect(Collectors.toSet());
            }
        } else {
            visible = Set.of();
        }
        List<CheckOutcome> checks = new ForkedCheckRun(classpath(solution.resolve("target/classes"), testClasses, classpath),
                classNames, limit, systemProperties,
                scratch.resolve(exercise.name()), ForkedCheckRun.QUICK_COMPILER).list();
        if (checks.isEmpty()) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, "the checks of " + exercise.name()
                    + " cannot be listed: rebuild the solutions (./mvnw verify -Psolutions).");
        }
        return new Graded(exercise, solution, testClasses, classpath, classNames, visible, checks);
    }

    /**
     * Grades the exercise of a submission whose exercise folders are in {@code learnerRoot} (null: nothing
     * submitted). What can run beside other jobs runs on the calling thread; a run that needs the machine
     * alone is left to a thread of the grader's own, so the caller's job goes on with other work, and the
     * grade completes when that run has had its turn. {@code scratch} must stay until then. Sources
     * already graded (see the class comment) get that grade, as soon as it is known.
     */
    CompletableFuture<ExerciseGrade> grade(Path learnerRoot, Graded exercise, Path scratch) {
        Path sources = learnerRoot == null ? null : learnerRoot.resolve(exercise.name()).resolve("src/main/java");
        if (sources == null || !Files.isDirectory(sources, LinkOption.NOFOLLOW_LINKS)) {
            return CompletableFuture.completedFuture(
                    failedAll(exercise, "missing: the submission has no " + exercise.name() + "/src/main/java"));
        }
        Path dir = scratch.resolve(exercise.name());
        Commands.deleteTree(dir);
        try {
            Path copied = dir.resolve("src");
            long copiedBytes = copySources(sources, copied);
            if (copiedBytes == 0) {
                return CompletableFuture.completedFuture(failedAll(exercise, "no Java sources in " + exercise.name() + "/src/main/java"));
            }
            if (copiedBytes > MAX_SOURCE_BYTES) {
                return CompletableFuture.completedFuture(
                        failedAll(exercise, "its sources are larger than " + MAX_SOURCE_BYTES / (1024 * 1024) + " MB"));
            }
            // The grade is registered before it starts: a submission graded beside this one waits for it.
            CompletableFuture<Void> start = new CompletableFuture<>();
            CompletableFuture<ExerciseGrade> grade = start.thenCompose(go -> compileAndRun(exercise, dir, copied));
            CompletableFuture<ExerciseGrade> earlier = bySources.putIfAbsent(exercise.name() + " " + SourceDigest.of(copied), grade);
            if (earlier != null) {
                gradedAlike.incrementAndGet();
                Commands.deleteTree(dir);
                return earlier;
            }
            start.complete(null);
            return grade;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many exercises got the grade of another submission's identical sources (see the class comment). */
    int gradedAlike() {
        return gradedAlike.get();
    }

    /** Compiles the copied sources of an exercise and runs its checks against them. */
    private CompletableFuture<ExerciseGrade> compileAndRun(Graded exercise, Path dir, Path copied) {
        try {
            Path classes = dir.resolve("classes");
            Optional<String> error = Compilation.compile(List.of(copied), exercise.testClasspath(), classes);
            if (error.isPresent()) {
                return CompletableFuture.completedFuture(failedAll(exercise, "does not compile: " + firstLine(error.get())));
            }
            // The run gets its own copy of every folder on its class path: what it writes there stays in its scratch
            // folder, and neither the instructor tree nor a submission graded beside it sees the change.
            Path tests = dir.resolve("tests");
            Commands.copyTree(exercise.testClasses(), tests);
            List<Path> testClasspath = new ArrayList<>();
            for (Path entry : exercise.testClasspath()) {
                Path copy = dir.resolve("classpath").resolve("dir-" + testClasspath.size());
                if (Files.isDirectory(entry)) {
                    Commands.copyTree(entry, copy);
                    entry = copy;
                }
                testClasspath.add(entry);
            }
            List<Path> classpath = classpath(classes, tests, testClasspath);
            List<Path> watched = new ArrayList<>(classpath);
            watched.addAll(exercise.testClasspath());
            watched.add(exercise.testClasses());
            Map<String, String> before = fingerprint(watched);
            Map<String, String> properties = new LinkedHashMap<>(systemProperties);
            properties.put("java.io.tmpdir", Files.createDirectories(dir.resolve("run/tmp")).toString());
            Runs runs = new Runs(exercise, classpath, properties, dir);
            return checkRuns(runs).thenApply(results -> finish(exercise, results, before, watched));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the checks as {@link #sharing} allows: all beside other jobs, then alone again each timing
     * check that did not pass there (a load-independent failure excepted); or the correctness checks
     * beside other jobs and the timing checks alone.
     */
    private CompletableFuture<List<ForkedCheckRun.Result>> checkRuns(Runs runs) {
        Graded exercise = runs.exercise();
        if (sharing == Sharing.CROWDED) {
            List<ForkedCheckRun.Result> shared = runAll(runs, "run", List.of(selectors(exercise, check -> !timing(check))));
            return alone(runs, selectors(exercise, Grader::timing), shared);
        }
        List<ForkedCheckRun.Result> shared = runAll(runs, "run", List.of(selectors(exercise, check -> !check.timesComputation())));
        if (shared.stream().anyMatch(Grader::leftThreadsBehind)) {
            // Threads a check left running may break the checks after it: run the two kinds apart, as before a lone run.
            shared = runAll(runs, "run-apart", List.of(
                    selectors(exercise, check -> !timing(check)),
                    selectors(exercise, check -> timing(check) && !check.timesComputation())));
        }
        List<String> alone = new ArrayList<>(selectors(exercise, CheckOutcome::timesComputation));
        shared.forEach(result -> alone.addAll(toRunAgainAlone(result)));
        return alone(runs, alone, shared);
    }

    /** Runs each non-empty group of checks in a JVM of its own, beside other jobs. */
    private List<ForkedCheckRun.Result> runAll(Runs runs, String name, List<List<String>> groups) {
        List<ForkedCheckRun.Result> results = new ArrayList<>();
        for (List<String> group : groups) {
            if (!group.isEmpty()) {
                results.add(run(runs, group, name + "-" + results.size(), false));
            }
        }
        return results;
    }

    private static boolean leftThreadsBehind(ForkedCheckRun.Result result) {
        return result.outcomes().stream().anyMatch(outcome -> outcome.message().contains(WorkshopGuards.THREADS_LEFT_BEHIND));
    }

    /**
     * The results so far, and then those of a run of {@code selected} alone on the machine (none when
     * nothing is selected). The lone run waits on the grader's own thread, so the caller's job goes on.
     */
    private CompletableFuture<List<ForkedCheckRun.Result>> alone(Runs runs, List<String> selected,
                                                                 List<ForkedCheckRun.Result> before) {
        if (selected.isEmpty()) {
            return CompletableFuture.completedFuture(before);
        }
        return CompletableFuture.supplyAsync(() -> {
            List<ForkedCheckRun.Result> results = new ArrayList<>(before);
            results.add(run(runs, selected, "run-alone", true));
            return results;
        }, aloneRuns);
    }

    /**
     * JVM options for a run of {@code selected} checks: the full JIT when one of them times computation
     * (it must run compiled as in production), otherwise the quick compiler, which costs the cores half as much.
     */
    static List<String> compilerFor(Graded exercise, List<String> selected) {
        boolean timesComputation = exercise.checks().stream()
                .anyMatch(check -> check.timesComputation() && selected(check.id(), selected));
        return timesComputation ? List.of() : ForkedCheckRun.QUICK_COMPILER;
    }

    /**
     * The timing checks of a run beside other jobs that must run again alone: each that did not pass
     * there, unless no busy machine causes its failure or the JVM ended in it (the exit decides). None
     * when the run was stopped at its hard limit (the limit decides).
     */
    static List<String> toRunAgainAlone(ForkedCheckRun.Result shared) {
        if (shared.exitCode() == -1) {
            return List.of();
        }
        return shared.outcomes().stream()
                .filter(outcome -> timing(outcome) && !outcome.passed() && !outcome.loadIndependent() && !endedIn(outcome))
                .map(CheckOutcome::id).toList();
    }

    private static boolean timing(CheckOutcome check) {
        return check.kind().equals("timing");
    }

    /** The runs of one exercise of one submission: its class path, system properties and scratch folder. */
    private record Runs(Graded exercise, List<Path> classpath, Map<String, String> properties, Path dir) {
    }

    /** The grade, once every run is done and the instructor tree is checked for changes. */
    private ExerciseGrade finish(Graded exercise, List<ForkedCheckRun.Result> results, Map<String, String> before,
                                 List<Path> watched) {
        try {
            Map<String, String> after = fingerprint(watched);
            Optional<String> changed = changed(before, after);
            if (changed.isPresent()) {
                return failedAll(exercise, "changed a file it may only read (" + changed.get()
                        + "): its classes, its tests, the class path or the instructor tree; no points for this exercise");
            }
            return merge(exercise, results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        aloneRuns.shutdownNow();
    }

    /**
     * The most jobs whose runs the timing checks share the machine with: three per core. Most of a
     * run is spent waiting for partner APIs that answer after a latency, so three runs per core keep
     * the cores busy; what the load costs a correct solution is given back by the lone re-runs.
     */
    static int sharedJobs() {
        return 3 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * The class path of a run: the tests, what they need, and the code under test last, so that a
     * class the learner names like one of the tests or the kit never takes its place.
     */
    private static List<Path> classpath(Path classes, Path tests, List<Path> testClasspath) {
        List<Path> classpath = new ArrayList<>(List.of(tests));
        classpath.addAll(testClasspath);
        classpath.add(classes);
        return classpath;
    }

    private static List<String> selectors(Graded exercise, Predicate<CheckOutcome> which) {
        return exercise.checks().stream().filter(which).map(CheckOutcome::id).toList();
    }

    /**
     * Runs the selected checks; when the JVM dies in one (System.exit, a crash), the checks it never
     * reached run again in a fresh JVM, so the points do not depend on the order checks ran in.
     */
    private ForkedCheckRun.Result run(Runs runs, List<String> selectors, String name, boolean aloneOnTheMachine) {
        Graded exercise = runs.exercise();
        List<String> jvmOptions = compilerFor(exercise, selectors);
        Path workDir = runs.dir().resolve(name);
        try (Machine.Permit permit = aloneOnTheMachine ? machine.alone() : machine.share()) {
            ForkedCheckRun.Result result = new ForkedCheckRun(runs.classpath(), selectors, limit, runs.properties(), workDir, jvmOptions).run();
            List<CheckOutcome> outcomes = new ArrayList<>(result.outcomes());
            StringBuilder output = new StringBuilder(result.output());
            int exitCode = result.exitCode();
            for (int round = 0; round < MAX_RESUMES && exitCode != -1 && (exitCode != 0 || outcomes.stream().anyMatch(Grader::endedIn)); round++) {
                Set<String> seen = outcomes.stream().map(CheckOutcome::id).collect(Collectors.toSet());
                List<String> left = exercise.checks().stream().map(CheckOutcome::id)
                        .filter(id -> !seen.contains(id) && selected(id, selectors)).toList();
                if (left.isEmpty()) {
                    break;
                }
                ForkedCheckRun.Result again = new ForkedCheckRun(runs.classpath(), left, limit, runs.properties(),
                        workDir.resolveSibling(workDir.getFileName() + "-" + round), jvmOptions).run();
                outcomes.addAll(again.outcomes());
                output.append(again.output());
                exitCode = again.exitCode() == -1 ? -1 : Math.max(exitCode, again.exitCode());
                if (again.outcomes().isEmpty() || again.exitCode() == -1) {
                    break;
                }
            }
            return new ForkedCheckRun.Result(outcomes, exitCode, output.toString());
        }
    }

    private static final int MAX_RESUMES = 10;

    /** Whether the test JVM ended while the check ran (System.exit, Runtime.halt, a crash). */
    private static boolean endedIn(CheckOutcome outcome) {
        return outcome.message().startsWith("the test JVM ended");
    }

    private static boolean selected(String id, List<String> selectors) {
        String className = id.substring(0, id.indexOf('#'));
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return selectors.contains(id) || selectors.contains(className) || selectors.contains(outer);
    }

    /** Every check of the exercise (in the reference's order), each with what this submission's runs said of it, and a reason. */
    private ExerciseGrade merge(Graded exercise, List<ForkedCheckRun.Result> results) {
        Map<String, CheckOutcome> seen = new LinkedHashMap<>();
        results.forEach(result -> result.outcomes().forEach(outcome -> seen.put(outcome.id(), outcome)));
        ForkedCheckRun.Result ended = results.stream().filter(r -> r.exitCode() != 0).findFirst().orElse(null);
        String notRun = ended == null || ended.exitCode() == -1
                ? "not run: the test run was stopped at its hard limit of " + limit.toSeconds() + " s before this check"
                : "not run: the test JVM ended (exit code " + ended.exitCode() + ") before this check";
        List<CheckOutcome> checks;
        if (exercise.checks().isEmpty()) {
            checks = new ArrayList<>(seen.values());
        } else {
            checks = exercise.checks().stream()
                    .map(reference -> Optional.ofNullable(seen.get(reference.id()))
                            .orElse(reference.with(CheckOutcome.Status.FAILED, notRun)))
                    .toList();
        }
        return new ExerciseGrade(exercise, checks, reason(checks, results));
    }

    private String reason(List<CheckOutcome> checks, List<ForkedCheckRun.Result> results) {
        for (ForkedCheckRun.Result result : results) {
            if (result.exitCode() == -1) {
                return "stopped at the hard limit of " + limit.toSeconds() + " s: the code never finished (an endless loop that ignores interrupts?)";
            }
        }
        Optional<CheckOutcome> died = checks.stream().filter(c -> endedIn(c)
                || c.message().startsWith("not run: the test JVM ended")).findFirst();
        if (died.isPresent()) {
            int exit = results.stream().mapToInt(ForkedCheckRun.Result::exitCode).filter(code -> code != 0).findFirst().orElse(0);
            return "the test JVM ended early (exit code " + exit + "): System.exit or Runtime.halt in the submission";
        }
        Optional<CheckOutcome> linkage = checks.stream().filter(c -> !c.passed())
                .filter(c -> LINKAGE_ERRORS.stream().anyMatch(error -> c.message().startsWith(error))).findFirst();
        if (linkage.isPresent()) {
            return "wrong package or changed signature: " + firstLine(linkage.get().message());
        }
        if (results.stream().anyMatch(r -> r.output().contains("more bytes of output dropped]"))) {
            return "printed too much: its output was capped at 64 KiB";
        }
        List<CheckOutcome> failed = checks.stream().filter(c -> !c.passed()).toList();
        if (failed.isEmpty()) {
            return null;
        }
        CheckOutcome first = failed.stream().filter(c -> !c.kind().equals("timing")).findFirst().orElse(failed.getFirst());
        return failed.size() + " of " + checks.size() + " checks failed; first: " + first.name() + ": " + firstLine(first.message());
    }

    static ExerciseGrade failedAll(Graded exercise, String reason) {
        return new ExerciseGrade(exercise, exercise.checks().stream().map(c -> c.with(CheckOutcome.Status.FAILED, reason)).toList(), reason);
    }

    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }

    /** Copies the {@code .java} files (no links) and returns their total size. */
    private static long copySources(Path from, Path to) throws IOException {
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.toString().endsWith(".java")).toList()) {
                bytes += Files.size(file);
                if (bytes > MAX_SOURCE_BYTES) {
                    return bytes;
                }
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return bytes;
    }

    /** Size and modification time of every file a run reads but must not change: {@code watched} and the instructor tree. */
    private Map<String, String> fingerprint(List<Path> watched) throws IOException {
        Map<String, String> prints = new TreeMap<>();
        List<Path> roots = new ArrayList<>(watched);
        roots.add(workspace.root());
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            boolean instructorTree = root.equals(workspace.root());
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> !instructorTree || !skipped(p)).forEach(p -> {
                    try {
                        prints.put(p.toString(), Files.isDirectory(p) ? "dir"
                                : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                    } catch (IOException e) {
                        prints.put(p.toString(), "gone");
                    }
                });
            }
        }
        return prints;
    }

    private boolean skipped(Path path) {
        if (outsideView != null && path.toAbsolutePath().startsWith(outsideView)) {
            return true;
        }
        Path relative = workspace.root().relativize(path);
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals(".git") || name.equals("target") || name.equals("backups") || name.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> changed(Map<String, String> before, Map<String, String> after) {
        for (var entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                return Optional.of(entry.getKey());
            }
        }
        return before.keySet().stream().filter(key -> !after.containsKey(key)).findFirst();
    }

    private static final class Pattern {
        static String quote(String text) {
            return java.util.regex.Pattern.quote(text);
        }
    }
}
