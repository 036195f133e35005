package workshop.cli.learner;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workshop.cli.workspace.Commands;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.WorkshopCommand;
import workshop.cli.workspace.WorkshopException;
import workshop.cli.workspace.Workspace;

/**
 * {@code ./workshop reset EXERCISE}: brings back the original stub of an exercise from git, after
 * moving the learner's version to a named backup folder; {@code --undo} brings the last backup back
 * (keeping what it replaces as a backup too, so nothing is ever lost).
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Brings back the original stub of an exercise (its src/main/java) from git.",
                "Your version is kept first, in backups/EXERCISE-TIMESTAMP/, and the command tells you where.",
                "--undo brings the last backup back, keeping the version it replaces as a new backup."})
public final class ResetCommand extends WorkshopCommand {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Parameters(paramLabel = "EXERCISE", description = "exercise name or number, e.g. 02 or exercise-02-threads")
    String exercise;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation (for scripts)")
    boolean yes;

    @Option(names = "--undo", description = "bring back the last backup of the exercise instead of the stub")
    boolean undo;

    @Option(names = "--from", paramLabel = "REVISION",
            description = "the git revision that holds the original stub (default: HEAD in the instructor edition,"
                    + " the repository's first commit in a learner's copy)")
    String from;

    @Override
    public Integer call() throws IOException {
        Workspace workspace = Workspace.locate();
        Exercise target = workspace.exercise(exercise);
        PrintWriter out = out();
        if (undo) {
            return undo(workspace, target, out);
        }
        Path root = workspace.root();
        String sourcePath = workspace.relative(target.sources()).replace('\\', '/');
        String revision = from != null ? from : defaultRevision(workspace, sourcePath);
        List<String> files = Commands.git(root, "ls-tree", "-r", "--name-only", revision, "--", sourcePath)
                .text().lines().filter(line -> !line.isBlank()).toList();
        if (files.isEmpty()) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, "git revision " + revision + " holds no stub under " + sourcePath + ".");
        }
        Path backup = newBackup(workspace, target);
        if (!yes && !confirm(out, "Reset " + target.name() + " to its original stub? Your version goes to "
                + workspace.relative(backup) + ". [y/N] ")) {
            out.println("Nothing changed.");
            return ExitCode.CHECK_FAILED;
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
        return ExitCode.OK;
    }

    /** Brings the newest backup back; the sources it replaces become the newest backup, so a second undo redoes. */
    private int undo(Workspace workspace, Exercise target, PrintWriter out) throws IOException {
        List<Path> backups = backups(workspace, target);
        if (backups.isEmpty()) {
            throw new WorkshopException(ExitCode.USAGE, "No backup of " + target.name() + " to bring back: "
                    + workspace.relative(workspace.root().resolve("backups")) + " holds none (reset makes one).");
        }
        Path last = backups.getLast();
        Path keep = newBackup(workspace, target);
        if (!yes && !confirm(out, "Bring back " + workspace.relative(last) + " into " + target.name() + "? The version there now goes to "
                + workspace.relative(keep) + ". [y/N] ")) {
            out.println("Nothing changed.");
            return ExitCode.CHECK_FAILED;
        }
        if (Files.isDirectory(target.sources())) {
            Commands.copyTree(target.sources(), keep.resolve("src/main/java"));
            Commands.deleteTree(target.sources());
        }
        Commands.copyTree(last.resolve("src/main/java"), target.sources());
        Commands.deleteTree(last);
        out.println("Brought back " + target.name() + " from " + workspace.relative(last) + ".");
        out.println("The version it replaced is in " + workspace.relative(keep) + "/src/main/java (undo again to swap back).");
        out.flush();
        return ExitCode.OK;
    }

    /** The exercise's backups, oldest first (their names end with a sortable time stamp). */
    private static List<Path> backups(Workspace workspace, Exercise target) throws IOException {
        Path folder = workspace.root().resolve("backups");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.filter(dir -> dir.getFileName().toString().startsWith(target.name() + "-"))
                    .filter(dir -> Files.isDirectory(dir.resolve("src/main/java"))).sorted().toList();
        }
    }

    /** A backup folder name not taken yet, newer than every existing one. */
    private static Path newBackup(Workspace workspace, Exercise target) throws IOException {
        Path folder = workspace.root().resolve("backups");
        String stamp = target.name() + "-" + LocalDateTime.now().format(STAMP);
        List<Path> existing = backups(workspace, target);
        Path backup = folder.resolve(stamp);
        for (int n = 2; Files.exists(backup) || (!existing.isEmpty() && backup.compareTo(existing.getLast()) <= 0); n++) {
            backup = folder.resolve(stamp + "-" + n);
        }
        return backup;
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
