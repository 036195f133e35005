package workshop.cli.workspace;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A {@code ./workshop} subcommand: it returns an {@link ExitCode} and prints where the command line says. */
public abstract class WorkshopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
