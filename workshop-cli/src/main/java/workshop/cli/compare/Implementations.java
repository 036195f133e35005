package workshop.cli.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import workshop.cli.workspace.Commands;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.Progress;
import workshop.cli.workspace.WorkshopException;
import workshop.cli.workspace.Workspace;
import workshop.kit.check.CheckOutcome;

/**
 * Where the lab gets each exercise's code: the learner's classes when the checks of the steps a
 * model needs passed in the last recorded test run (and nothing changed since), or the reference
 * solution's classes with {@code --reference}. Classes older than their sources are compiled first,
 * all modules in one {@code ./mvnw -q -o compile -am}.
 *
 * <p>Every exercise gets a class loader of its own, whose parent is the lab's: the trip domain's
 * types are shared, the exercise's own classes are not. {@link #close()} closes them all.
 */
final class Implementations implements AutoCloseable {

    /** What a model needs: an exercise, and the steps of its lesson whose checks must pass. */
    record Need(String exercise, Set<Integer> steps) {
    }

    /** Where one need's code comes from: the loaded code, or why there is none. */
    record Source(Optional<ExerciseCode> code, String owner, String whyNot) {
    }

    private static final Duration BUILD_LIMIT = Duration.ofMinutes(5);

    private final Workspace workspace;
    private final boolean reference;
    private final ProgressBar progress;
    private final Map<String, String> unusable = new LinkedHashMap<>();
    private final Map<String, URLClassLoader> loaders = new LinkedHashMap<>();

    private Implementations(Workspace workspace, boolean reference, ProgressBar progress) {
        this.workspace = workspace;
        this.reference = reference;
        this.progress = progress;
    }

    /**
     * Decides, for every need, whose code runs, compiles what is out of date, and loads it.
     *
     * @throws WorkshopException with {@code reference} outside the instructor edition
     */
    static Implementations prepare(Workspace workspace, boolean reference, List<Need> needs, ProgressBar progress) {
        if (reference && !workspace.isInstructorEdition()) {
            throw new WorkshopException(ExitCode.USAGE, "--reference needs the instructor edition (there is no solutions/ folder here).");
        }
        Implementations implementations = new Implementations(workspace, reference, progress);
        implementations.judge(needs);
        implementations.compileOutOfDate(needs);
        return implementations;
    }

    /** The code for one need, or why the model is left out. */
    Source source(Need need) {
        String owner = reference ? "reference" : "yours";
        String whyNot = unusable.get(key(need));
        if (whyNot != null) {
            return new Source(Optional.empty(), owner, whyNot);
        }
        return new Source(Optional.of(new ExerciseCode(need.exercise(), loader(need.exercise()))), owner, "");
    }

    private void judge(List<Need> needs) {
        for (Need need : needs) {
            Exercise exercise = workspace.exercise(need.exercise());
            if (reference) {
                if (workspace.solution(exercise).isEmpty()) {
                    unusable.put(key(need), "no reference solution under solutions/" + exercise.name());
                }
            } else {
                passingChecks(exercise, need.steps()).ifPresent(why -> unusable.put(key(need), why));
            }
        }
    }

    /** Empty when every check of {@code steps} passed in the last run and no source changed since; otherwise why not. */
    private static Optional<String> passingChecks(Exercise exercise, Set<Integer> steps) {
        Progress progress = Progress.of(exercise);
        String run = progress.runCommand();
        String stepsText = steps.size() == 1 ? "step " + steps.iterator().next()
                : "steps " + String.join(", ", new TreeSet<>(steps).stream().map(String::valueOf).toList());
        if (!progress.ran()) {
            return Optional.of("no test run of " + exercise.name() + " recorded yet (" + run + ")");
        }
        if (progress.stale()) {
            return Optional.of(exercise.name() + " changed since its last test run (" + run + ")");
        }
        List<CheckOutcome> relevant = progress.checks().orElseThrow().stream().filter(check -> steps.contains(check.step())).toList();
        if (relevant.isEmpty()) {
            return Optional.of("no check of " + stepsText + " recorded in the last run of " + exercise.name() + " (" + run + ")");
        }
        return relevant.stream().filter(check -> !check.passed())
                .min(Comparator.comparingInt(CheckOutcome::step))
                .map(failing -> "step " + failing.step() + " of " + exercise.name() + " does not pass yet ("
                        + failing.simpleClass() + "." + failing.method() + ")");
    }

    private Path moduleDir(String exercise) {
        return reference ? workspace.solutions().resolve(exercise) : workspace.root().resolve(exercise);
    }

    private Path classes(String exercise) {
        return moduleDir(exercise).resolve("target/classes");
    }

    private void compileOutOfDate(List<Need> needs) {
        List<String> outOfDate = needs.stream().filter(need -> !unusable.containsKey(key(need)))
                .map(Need::exercise).distinct().filter(exercise -> !upToDate(exercise)).toList();
        if (outOfDate.isEmpty()) {
            return;
        }
        List<String> modules = outOfDate.stream().map(exercise -> workspace.relative(moduleDir(exercise))).toList();
        List<String> command = new ArrayList<>(Commands.mavenWrapper(workspace.root()));
        // -am: the trip domain comes from the same build, so this works before anything is installed (a fresh clone).
        command.addAll(List.of("-q", "-o", "-B", "compile", "-am", "-pl", String.join(",", modules)));
        if (reference) {
            command.add("-Psolutions");
        }
        String log = compile(command, modules);
        for (Need need : needs) {
            if (outOfDate.contains(need.exercise()) && !upToDate(need.exercise())) {
                unusable.putIfAbsent(key(need), workspace.relative(moduleDir(need.exercise())) + " does not compile: "
                        + firstError(log, need.exercise()));
            }
        }
    }

    private String compile(List<String> command, List<String> modules) {
        String what = "compiling " + String.join(", ", modules);
        Path log = null;
        try {
            log = Files.createTempFile("workshop-compare-build", ".log");
            Process build = new ProcessBuilder(command).directory(workspace.root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            build.getOutputStream().close();
            long started = System.nanoTime();
            while (!build.waitFor(1, TimeUnit.SECONDS)) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                progress.waiting(what, took);
                if (took.compareTo(BUILD_LIMIT) > 0) {
                    build.descendants().forEach(ProcessHandle::destroyForcibly);
                    build.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    return "the build took longer than " + BUILD_LIMIT.toMinutes() + " minutes and was stopped";
                }
            }
            progress.done(what, Duration.ofNanos(System.nanoTime() - started));
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, "could not run the Maven wrapper: " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkshopException(ExitCode.INTERRUPTED, "interrupted while " + what + ".", e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans it up eventually
                }
            }
        }
    }

    private static String firstError(String log, String exercise) {
        return log.lines().filter(line -> line.contains("ERROR")).filter(line -> line.contains(exercise)).findFirst()
                .or(() -> log.lines().filter(line -> line.contains("ERROR")).findFirst())
                .map(String::strip).orElse("see ./mvnw compile -pl " + exercise);
    }

    /** Whether the compiled classes exist and are newer than every source file. */
    private boolean upToDate(String exercise) {
        Path classes = classes(exercise);
        Path sources = moduleDir(exercise).resolve("src/main/java");
        return newest(classes).map(compiled -> newest(sources).map(source -> source <= compiled).orElse(true)).orElse(false);
    }

    private static Optional<Long> newest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.getLastModifiedTime(file).toMillis();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(Long::compare);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private ClassLoader loader(String exercise) {
        return loaders.computeIfAbsent(exercise, name -> {
            try {
                URL classes = classes(name).toUri().toURL();
                return new URLClassLoader(name, new URL[]{classes}, Implementations.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String key(Need need) {
        return need.exercise() + need.steps();
    }

    @Override
    public void close() {
        for (URLClassLoader loader : loaders.values()) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
