package workshop.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import workshop.kit.check.ProgressTable;

/** {@code ./workshop status}: the progress table of the last test runs, the same one the build prints. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows every exercise with its checks passing out of total (from your last test run),",
                "then the next failing check, its first hint, and the command that runs it."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Workspace workspace = Workspace.locate();
        PrintWriter out = spec.commandLine().getOut();
        List<ProgressTable.Row> rows = workspace.exercises().stream().map(Progress::of).map(Progress::row).toList();
        ProgressTable.render(rows).forEach(out::println);
        out.flush();
        return Workshop.OK;
    }
}
