package workshop.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./workshop reset EXERCISE}: brings back the original stub of an exercise from git, after
 * moving the learner's version to a named backup folder.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Brings back the original stub of an exercise (its src/main/java) from git.",
                "Your version is kept first, in backups/EXERCISE-TIMESTAMP/, and the command tells you where."})
final class ResetCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Parameters(paramLabel = "EXERCISE", description = "exercise name or number, e.g. 02 or exercise-02-threads")
    String exercise;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation (for scripts)")
    boolean yes;

    @Option(names = "--from", paramLabel = "REVISION",
            description = "the git revision that holds the original stub (default: HEAD in the instructor edition,"
                    + " the repository's first commit in a learner's copy)")
    String from;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Workspace workspace = Workspace.locate();
        Exercise target = workspace.exercise(exercise);
        PrintWriter out = spec.commandLine().getOut();
        Path root = workspace.root();
        String sourcePath = workspace.relative(target.sources()).replace('\\', '/');
        String revision = from != null ? from : defaultRevision(workspace, sourcePath);
        List<String> files = Commands.git(root, "ls-tree", "-r", "--name-only", revision, "--", sourcePath)
                .text().lines().filter(line -> !line.isBlank()).toList();
        if (files.isEmpty()) {
            throw new WorkshopException(Workshop.ENVIRONMENT, "git revision " + revision + " holds no stub under " + sourcePath + ".");
        }
        Path backup = root.resolve("backups").resolve(target.name() + "-" + LocalDateTime.now().format(STAMP));
        if (!yes && !confirm(out, "Reset " + target.name() + " to its original stub? Your version goes to "
                + workspace.relative(backup) + ". [y/N] ")) {
            out.println("Nothing changed.");
            return Workshop.CHECK_FAILED;
        }
        if (Files.isDirectory(target.sources())) {
            Commands.copyTree(target.sources(), backup.resolve("src/main/java"));
            Commands.deleteTree(target.sources());
        }
        for (String file : files) {
            Path destination = root.resolve(file);
            Files.createDirectories(destination.getParent());
            Files.write(destination, Commands.git(root, "show", revision + ":" + file).output());
        }
        Files.deleteIfExists(target.hintsShown());
        out.println("Reset " + target.name() + ": " + files.size() + " file(s) restored from git " + revision + ".");
        if (Files.isDirectory(backup)) {
            out.println("Your version is in " + workspace.relative(backup) + "/src/main/java.");
        }
        out.flush();
        return Workshop.OK;
    }

    /** HEAD where the solutions live; in a learner's copy, the first commit (the template as it was given). */
    private static String defaultRevision(Workspace workspace, String sourcePath) {
        if (workspace.isInstructorEdition()) {
            return "HEAD";
        }
        List<String> roots = Commands.git(workspace.root(), "rev-list", "--max-parents=0", "HEAD").text().lines().toList();
        for (String root : roots) {
            if (!Commands.git(workspace.root(), "ls-tree", "--name-only", root, "--", sourcePath).text().isBlank()) {
                return root.strip();
            }
        }
        return "HEAD";
    }

    private boolean confirm(PrintWriter out, String question) throws IOException {
        out.print(question);
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.strip().toLowerCase().startsWith("y");
    }
}
