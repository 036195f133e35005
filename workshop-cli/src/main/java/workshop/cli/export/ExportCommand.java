package workshop.cli.export;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workshop.cli.grade.GradescopeBundle;
import workshop.cli.workspace.Commands;
import workshop.cli.workspace.Exercise;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.Progress;
import workshop.cli.workspace.WorkshopCommand;
import workshop.cli.workspace.WorkshopException;
import workshop.cli.workspace.Workspace;

/**
 * {@code ./workshop export DIR}: writes the learner edition (the tracked files minus {@code solutions/}
 * and other instructor-only parts, plus a CI workflow) and proves it before reporting success.
 * {@code ./workshop export --gradescope FILE.zip}: writes the Gradescope autograder bundle instead
 * (see {@link GradescopeBundle}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the learner edition into DIR: the tracked files without solutions/ and other instructor-only parts,",
                "plus a GitHub Actions workflow that runs the visible tests on every push. Then it verifies the edition:",
                "no file with the content of a reference solution or hidden test, no hidden test named, every link of its",
                "Markdown files resolving inside it (instructor-only passages are left out), and (offline, in a",
                "scratch copy) it compiles and its visible tests run and report for every exercise.",
                "With --gradescope FILE.zip it writes the Gradescope autograder bundle instead:",
                "setup.sh, run_autograder and the instructor tree, hidden tests included."})
public final class ExportCommand extends WorkshopCommand {

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "where to write the learner edition (missing or empty, unless --force)")
    Path dir;

    @Option(names = "--gradescope", paramLabel = "FILE.zip",
            description = "write the Gradescope autograder bundle (it holds the hidden tests: never give it to learners)")
    Path gradescope;

    @Option(names = "--force", description = "replace DIR's content if it is not empty, or FILE.zip if it exists")
    boolean force;

    @Option(names = "--no-build", description = "skip the build check (the secret checks still run)")
    boolean noBuild;

    @Override
    public Integer call() throws IOException {
        Workspace workspace = Workspace.locate();
        PrintWriter out = out();
        workspace.requireInstructorEdition("export");
        if ((dir == null) == (gradescope == null)) {
            throw new WorkshopException(ExitCode.USAGE, "give either DIR (the learner edition) or --gradescope FILE.zip (the autograder bundle).");
        }
        return gradescope != null ? exportBundle(workspace, out) : exportEdition(workspace, out);
    }

    private int exportBundle(Workspace workspace, PrintWriter out) throws IOException {
        Path zip = gradescope.toAbsolutePath().normalize();
        if (Files.exists(zip) && !force) {
            throw new WorkshopException(ExitCode.USAGE, zip + " exists; choose another file or add --force.");
        }
        int files = GradescopeBundle.write(workspace.root(), zip);
        out.printf(Locale.ROOT, "Wrote the Gradescope autograder bundle: %s and %d files of the instructor tree (%.1f MB) in %s.%n",
                String.join(", ", GradescopeBundle.SCRIPTS), files, Files.size(zip) / 1_048_576.0, zip);
        out.println("It holds the hidden tests: upload it to Gradescope as the autograder, never give it to learners.");
        out.flush();
        return ExitCode.OK;
    }

    private int exportEdition(Workspace workspace, PrintWriter out) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (target.startsWith(workspace.root())) {
            throw new WorkshopException(ExitCode.USAGE, "export into a folder outside the workshop, not " + target + ".");
        }
        prepare(target);
        List<String> files = LearnerEdition.trackedFiles(workspace.root()).stream()
                .filter(file -> !LearnerEdition.instructorOnly(file)).toList();
        for (String file : files) {
            Path destination = target.resolve(file);
            Files.createDirectories(destination.getParent());
            if (file.endsWith(".md")) {
                Files.writeString(destination, LearnerEdition.forLearners(Files.readString(workspace.root().resolve(file))));
            } else {
                Files.copy(workspace.root().resolve(file), destination, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path workflow = target.resolve(LearnerEdition.WORKFLOW_PATH);
        Files.createDirectories(workflow.getParent());
        Files.writeString(workflow, LearnerEdition.WORKFLOW);
        out.println("Wrote the learner edition: " + (files.size() + 1) + " files in " + target + ".");

        List<String> leaks = LearnerEdition.leaks(workspace.root(), target);
        if (!leaks.isEmpty()) {
            out.println("The learner edition holds instructor-only content:");
            leaks.forEach(leak -> out.println("  " + leak));
            out.flush();
            throw new WorkshopException(ExitCode.CHECK_FAILED, leaks.size() + " secret(s) found in " + target + "; do not publish it.");
        }
        out.println("Checked: no reference solution or hidden test in it (by content and by name).");
        List<String> broken = MarkdownLinks.broken(target);
        if (!broken.isEmpty()) {
            out.println("Links of the learner edition that lead nowhere in it:");
            broken.forEach(link -> out.println("  " + link));
            out.flush();
            throw new WorkshopException(ExitCode.CHECK_FAILED, broken.size() + " broken link(s) or command(s) in " + target
                    + "; mark instructor-only passages with " + LearnerEdition.INSTRUCTORS_FROM + " ... " + LearnerEdition.INSTRUCTORS_TO + ".");
        }
        out.println("Checked: every link and command of its Markdown files resolves inside it.");
        if (!noBuild) {
            out.flush();
            verifyBuild(target, out);
        }
        out.println("The learner edition is ready: " + target);
        out.flush();
        return ExitCode.OK;
    }

    private void prepare(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> children = Files.list(target)) {
                List<Path> present = children.toList();
                if (!present.isEmpty() && !force) {
                    throw new WorkshopException(ExitCode.USAGE, target + " is not empty; choose another folder or add --force.");
                }
                present.forEach(Commands::deleteTree);
            }
        }
        Files.createDirectories(target);
    }

    /** Builds a scratch copy offline: it compiles, and its visible tests run and report for every exercise. */
    private void verifyBuild(Path edition, PrintWriter out) throws IOException {
        Path scratch = Files.createTempDirectory("workshop-edition-check");
        try {
            Commands.copyTree(edition, scratch);
            out.println("Building a scratch copy offline (./mvnw -o -q test-compile) ...");
            out.flush();
            List<String> compile = new ArrayList<>(Commands.mavenWrapper(scratch));
            compile.addAll(List.of("-o", "-q", "-B", "test-compile"));
            Commands.Ran compiled = Commands.run(scratch, compile);
            if (!compiled.ok()) {
                throw new WorkshopException(ExitCode.CHECK_FAILED, "the learner edition does not compile offline: "
                        + firstError(compiled.text()));
            }
            out.println("Running its visible tests (./mvnw -o test; they fail on the stubs, as they should) ...");
            out.flush();
            List<String> test = new ArrayList<>(Commands.mavenWrapper(scratch));
            test.addAll(List.of("-o", "-B", "test"));
            Commands.run(scratch, test);
            List<String> silent = new ArrayList<>();
            for (Exercise exercise : new Workspace(scratch).exercises()) {
                Path report = exercise.report();
                if (!Files.isRegularFile(report) || Files.size(report) == 0) {
                    silent.add(exercise.name());
                } else {
                    Progress progress = Progress.of(exercise);
                    out.printf("  %-24s visible checks ran: %d, passing on the stub: %d%n", exercise.name(), progress.total(), progress.passing());
                }
            }
            if (!silent.isEmpty()) {
                throw new WorkshopException(ExitCode.CHECK_FAILED, "the visible tests of " + String.join(", ", silent)
                        + " did not run in the learner edition (no target/workshop/checks.tsv).");
            }
        } finally {
            Commands.deleteTree(scratch);
        }
    }

    private static String firstError(String output) {
        return output.lines().filter(line -> line.contains("ERROR")).findFirst().orElse(output.lines().findFirst().orElse("no output")).strip();
    }
}
