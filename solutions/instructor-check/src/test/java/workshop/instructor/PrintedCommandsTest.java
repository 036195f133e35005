package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import workshop.cli.Workshop;
import workshop.cli.export.MarkdownLinks;

/**
 * Every command the workshop shows a participant works as a newcomer meets it: on a fresh copy of
 * the learner edition, with a local Maven repository that holds none of the workshop's own
 * artifacts. The commands are collected from every Markdown file (code spans and the lines of
 * fenced blocks) and from everything the commands themselves print (the progress table, the
 * ./workshop messages), until no new one turns up. A Maven command may fail only because checks
 * fail, and then its last 25 lines hold the progress table, the next failing check and the next
 * command; a ./workshop command must succeed.
 *
 * <p>Options that change no step of a command ({@code -B}, {@code -q}, {@code -o},
 * {@code -Dworkshop.time.factor=N}) are proved once, together, on one exercise; the command is run
 * without them. The instructor's commands ({@code -Psolutions}, export, grade) need the instructor
 * edition: CI runs the instructor check itself, and export and grade have tests of their own.
 */
@Tag("slow")
@DisplayName("Every command the workshop shows works on a fresh copy of the learner edition")
class PrintedCommandsTest {

    private static final Pattern CODE_SPAN = Pattern.compile("`(\\./(?:mvnw|workshop)\\b[^`]*)`");
    private static final Pattern BLOCK_LINE = Pattern.compile("^\\s*(?:\\$\\s+)?(\\./(?:mvnw|workshop)\\b.*)$");
    private static final Pattern PRINTED = Pattern.compile("\\./(?:mvnw|workshop)\\b[^\\n]*");
    private static final Set<String> NEUTRAL_OPTIONS = Set.of("-B", "--batch-mode", "-q", "--quiet", "-o", "--offline");
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(10);
    private static final int LAST_SCREEN = 25;

    @TempDir
    Path outside;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void every_participant_command_works_on_a_fresh_learner_edition() throws Exception {
        InstructorTree.assumeWholeWorkshop();
        Path repository = newcomersRepository(Path.of(System.getProperty("user.home"), ".m2", "repository"), outside.resolve("m2"));

        // GIVEN a fresh learner edition, a git repository as a participant's clone is
        Path edition = outside.resolve("learner-edition");
        StringWriter said = new StringWriter();
        int exported = Workshop.execute(new String[] {"export", "--no-build", edition.toString()}, new PrintWriter(said, true),
                new PrintWriter(said, true));
        assertThat(exported).withFailMessage("./workshop export failed (exit %d):%n%s", exported, said).isZero();
        run(edition, List.of("git", "init", "-q"), repository);
        run(edition, List.of("git", "add", "-A"), repository);
        run(edition, List.of("git", "-c", "user.name=participant", "-c", "user.email=participant@localhost", "commit", "-q", "-m", "clone"), repository);

        // AND every command the Markdown files of both editions show
        Map<String, String> shown = new LinkedHashMap<>();
        markdownCommands(InstructorTree.ROOT).forEach(command -> shown.putIfAbsent(command, "Markdown"));
        markdownCommands(edition).forEach(command -> shown.putIfAbsent(command, "Markdown"));

        // WHEN each participant command runs (Maven first, as a participant starts), with what they print searched for more
        List<String> failures = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> neutralOptions = new LinkedHashSet<>();
        Set<String> instructorOnly = new LinkedHashSet<>();
        Map<String, Duration> took = new LinkedHashMap<>();
        BiConsumer<String, Ran> judged = (command, ran) -> {
            took.put(command, ran.took());
            judge(command, shown.get(command), ran).ifPresent(failures::add);
            printedCommands(ran.output()).forEach(found -> shown.putIfAbsent(found, "the output of " + command));
        };
        // The lab's commands take minutes and read nothing the others write (on a fresh edition no exercise
        // passes, so the lab's own code stands in): once a Maven run has built the edition, each runs beside
        // the rest, as two terminals would.
        Map<String, CompletableFuture<Ran>> beside = new LinkedHashMap<>();
        boolean built = false;
        while (true) {
            String next = shown.keySet().stream().filter(command -> !done.contains(command))
                    .min((a, b) -> Boolean.compare(a.startsWith("./workshop"), b.startsWith("./workshop"))).orElse(null);
            if (next == null) {
                if (beside.isEmpty()) {
                    break;
                }
                beside.forEach((command, ran) -> judged.accept(command, ran.join()));
                beside.clear();
                continue;
            }
            if (built) {
                for (String labCommand : shown.keySet().stream().filter(command -> !done.contains(command) && isLab(command)).toList()) {
                    done.add(labCommand);
                    Command parsed = Command.parse(labCommand);
                    beside.put(labCommand, CompletableFuture.supplyAsync(() -> runUnchecked(edition, parsed.argv(edition), repository), BESIDE));
                }
                if (done.contains(next)) {
                    continue;
                }
            }
            done.add(next);
            Command command = Command.parse(next);
            if (command.nameOnly()) {
                continue;
            }
            if (command.instructorOnly()) {
                instructorOnly.add(next);
                continue;
            }
            neutralOptions.addAll(command.neutralOptions());
            String runnable = command.runnable();
            if (!runnable.equals(next)) {
                shown.putIfAbsent(runnable, shown.get(next) + ", as " + next);
                continue;
            }
            Ran ran = run(edition, command.argv(edition), repository);
            built |= command.maven();
            judged.accept(next, ran);
        }
        if (!neutralOptions.isEmpty()) {
            String all = "./mvnw test -pl exercise-01-sync " + String.join(" ", neutralOptions);
            judge(all, "the options of the commands shown", run(edition, Command.parse(all).argv(edition), repository)).ifPresent(failures::add);
        }

        // (where the time went, for whoever makes this check faster)
        System.out.println("The commands shown, by the time they took:");
        took.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                .forEach(entry -> System.out.printf("%6d s  %s%n", entry.getValue().toSeconds(), entry.getKey()));

        // THEN none failed for a reason other than the exercise's own checks
        assertThat(done).as("commands collected").anyMatch(command -> command.startsWith("./mvnw test"))
                .anyMatch(command -> command.startsWith("./workshop status"));
        assertThat(failures).withFailMessage("%d of the %d commands shown failed on a fresh learner edition:%n%n%s",
                failures.size(), done.size() - instructorOnly.size(), String.join("\n\n", failures)).isEmpty();
    }

    private static final Executor BESIDE = command -> Thread.ofVirtual().name("lab-command").start(command);

    /** A command of the comparison lab, which runs its workloads for minutes. */
    private static boolean isLab(String command) {
        Command parsed = Command.parse(command);
        return !parsed.maven() && parsed.words().size() > 1 && parsed.words().get(1).equals("compare") && !parsed.instructorOnly();
    }

    private static Ran runUnchecked(Path dir, List<String> argv, Path repository) {
        try {
            return run(dir, argv, repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What one command did. */
    record Ran(int exit, String output, Duration took) {
    }

    /** A command as shown: its words, with what it needs to run here. */
    record Command(List<String> words) {

        static Command parse(String shown) {
            String text = shown.replaceAll("\\s+#.*$", "").strip();
            List<String> words = new ArrayList<>();
            for (String word : text.split("\\s+")) {
                if (word.startsWith("[") || word.endsWith("]")) {
                    continue; // an optional part of a synopsis
                }
                words.add(switch (word) {
                    case "EXERCISE" -> "exercise-01-sync";
                    default -> word;
                });
            }
            return new Command(List.copyOf(words));
        }

        boolean maven() {
            return words.getFirst().equals("./mvnw");
        }

        /** Needs the instructor edition: the solutions profile, export, grade, or the lab on the reference solutions. */
        boolean instructorOnly() {
            return maven() ? words.stream().anyMatch(word -> word.startsWith("-Psolutions"))
                    : words.contains("--reference") || words.size() > 1 && List.of("export", "grade").contains(words.get(1));
        }

        /** Only the tool's name, as prose names it ("the `./workshop` command"). */
        boolean nameOnly() {
            return words.size() == 1;
        }

        List<String> neutralOptions() {
            return maven() ? words.stream().filter(PrintedCommandsTest::neutral).toList() : List.of();
        }

        /** The command without the options that change none of its steps. */
        String runnable() {
            return String.join(" ", maven() ? words.stream().filter(word -> !neutral(word)).toList() : words);
        }

        List<String> argv(Path edition) {
            List<String> argv = new ArrayList<>(words);
            argv.set(0, edition.resolve(words.getFirst().substring(2)).toString());
            if (!maven() && argv.size() > 1 && argv.get(1).equals("reset")) {
                argv.add("--yes");
            }
            return argv;
        }
    }

    private static boolean neutral(String word) {
        return NEUTRAL_OPTIONS.contains(word) || word.startsWith("-Dworkshop.time.factor=");
    }

    /** Why a command failed, or nothing when it did what a participant expects. */
    private static java.util.Optional<String> judge(String command, String source, Ran ran) {
        List<String> lines = ran.output().lines().toList();
        List<String> lastScreen = lines.subList(Math.max(0, lines.size() - LAST_SCREEN), lines.size());
        String tail = String.join("\n", lastScreen);
        String problem = null;
        if (command.startsWith("./mvnw")) {
            List<String> otherErrors = lines.stream().filter(line -> line.startsWith("[ERROR] Failed to execute goal"))
                    .filter(line -> !line.contains("maven-surefire-plugin") || !line.contains("There are test failures")).toList();
            if (!otherErrors.isEmpty()) {
                problem = "Maven failed for another reason than failing checks: " + otherErrors.getFirst();
            } else if (ran.exit() != 0 && !ran.output().contains("There are test failures")) {
                problem = "exit code " + ran.exit() + " without a failing check";
            } else if (!tail.contains("Blocking to Concurrent: your progress")) {
                problem = "the last " + LAST_SCREEN + " lines do not hold the progress table";
            } else if (ran.exit() != 0 && !(tail.contains("FAILED") && tail.contains("Run:    ./mvnw test"))) {
                problem = "the last " + LAST_SCREEN + " lines do not show the next failing check and the command to run next";
            }
        } else if (ran.exit() != 0) {
            problem = "exit code " + ran.exit();
        }
        return java.util.Optional.ofNullable(problem).map(why -> command + "   (shown in " + source + ", ran "
                + ran.took().toSeconds() + " s)\n  " + why + "\n  last lines:\n    " + String.join("\n    ", lastScreen));
    }

    /**
     * What a newcomer's local repository holds: the shared one's third-party artifacts (not downloaded
     * again), none of the workshop's own, whatever a maintainer installed. Jars and POMs, which Maven
     * never rewrites, are linked; its bookkeeping files, which it rewrites in place, are copied.
     */
    private static Path newcomersRepository(Path shared, Path into) throws IOException {
        Path own = shared.resolve("dev/blockingtoconcurrent");
        Files.createDirectories(into);
        if (Files.isDirectory(shared)) {
            try (Stream<Path> files = Files.walk(shared)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).filter(f -> !f.startsWith(own))::iterator) {
                    Path copy = into.resolve(shared.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    String name = file.getFileName().toString();
                    if (name.endsWith(".jar") || name.endsWith(".pom")) {
                        try {
                            Files.createLink(copy, file);
                            continue;
                        } catch (IOException | UnsupportedOperationException notOnThisFileSystem) {
                            // copied below
                        }
                    }
                    Files.copy(file, copy);
                }
            }
        }
        assertThat(into.resolve("dev/blockingtoconcurrent")).as("the workshop's artifacts, kept out").doesNotExist();
        return into;
    }

    private static Ran run(Path dir, List<String> argv, Path repository) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("MAVEN_ARGS", "-Dmaven.repo.local=" + repository);
        builder.environment().remove("JAVA_HOME");
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        Path log = Files.createTempFile(dir.getParent(), "command", ".log");
        Thread copier = Thread.ofVirtual().start(() -> {
            try (var in = process.getInputStream()) {
                Files.copy(in, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        boolean watching = argv.size() > 1 && argv.get(1).equals("watch");
        boolean ended = watching ? watchedUntilItWaits(process, log) : process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        copier.join();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (watching) {
            // watch runs until stopped: it works when it showed a verdict before that
            return new Ran(output.contains("your progress") ? 0 : 1, output, took);
        }
        return new Ran(ended ? process.exitValue() : -1, ended ? output : output + "\n(killed after " + COMMAND_LIMIT + ")", took);
    }

    /**
     * Watch runs until it is stopped: gives it up to 90 s to show its first verdict and say that it
     * watches; whether it ended by itself.
     */
    private static boolean watchedUntilItWaits(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                return true;
            }
            String sofar = Files.readString(log, StandardCharsets.UTF_8);
            if (sofar.contains("your progress") && sofar.contains("Ctrl-C to stop")) {
                return false;
            }
        }
        return false;
    }

    /** The commands in code spans and at the start of fenced lines of every tracked Markdown file under {@code root}. */
    private static List<String> markdownCommands(Path root) throws IOException {
        List<String> commands = new ArrayList<>();
        for (Path file : MarkdownLinks.markdownFiles(root).stream().filter(path -> !root.relativize(path).startsWith("solutions")).toList()) {
            boolean fenced = false;
            for (String line : Files.readAllLines(file)) {
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                Matcher blockLine = BLOCK_LINE.matcher(line);
                if (fenced && blockLine.matches()) {
                    commands.add(blockLine.group(1).replaceAll("\\s{2,}.*$", "").replaceAll("\\s+#.*$", "").strip());
                } else if (!fenced) {
                    Matcher span = CODE_SPAN.matcher(line);
                    while (span.find()) {
                        commands.add(span.group(1).strip());
                    }
                }
            }
        }
        return commands;
    }

    /**
     * The commands in what a command printed: each ends where two spaces or a parenthesis start. Maven's own
     * [INFO] lines are left out: they name modules ("The ./workshop command ....... SUCCESS"), not commands.
     */
    static List<String> printedCommands(String output) {
        List<String> commands = new ArrayList<>();
        String plain = output.replaceAll("\u001B\\[[;\\d]*m", "").replaceAll("(?m)^\\[INFO\\].*$", "");
        Matcher printed = PRINTED.matcher(plain);
        while (printed.find()) {
            String command = printed.group().split("\\s{2,}|[()]", 2)[0].strip().replaceAll("[.,;:]+$", "");
            commands.add(command);
        }
        return commands;
    }
}
