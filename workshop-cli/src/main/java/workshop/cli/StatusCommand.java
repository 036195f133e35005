package workshop.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./workshop status}: every exercise, its checks passing, the next step and the command to run. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows every exercise with its checks passing out of total (from your last test run),",
                "the step to work on next, and the command that runs its tests."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Workspace workspace = Workspace.locate();
        PrintWriter out = spec.commandLine().getOut();
        List<Progress> all = workspace.exercises().stream().map(Progress::of).toList();
        String rule = "-".repeat(96);
        out.println(rule);
        out.printf(" %-24s %-20s %-24s %s%n", "exercise", "checks", "next", "run");
        out.println(rule);
        for (Progress progress : all) {
            String checks = progress.ran()
                    ? bar(progress.passing(), progress.total()) + String.format(" %d/%d", progress.passing(), progress.total())
                    : "not run yet";
            String next = progress.done() ? "done"
                    : progress.nextStep().map(step -> "step " + step.number() + ": " + step.title())
                    .orElse(progress.nextFailing().map(check -> "fix: " + check.method()).orElse("run the tests"));
            out.printf(" %-24s %-20s %-24s %s%s%n", progress.exercise().name(), checks, shorten(next, 24),
                    progress.runCommand(), progress.stale() ? "   (changed since the last run)" : "");
        }
        out.println(rule);
        all.stream().filter(progress -> !progress.done()).findFirst().ifPresentOrElse(
                progress -> out.println(" Next: " + progress.runCommand() + (progress.ran()
                        ? "   stuck? ./workshop hint " + progress.exercise().name() : "")),
                () -> out.println(" Every check of every exercise passes. Well done!"));
        out.flush();
        return Workshop.OK;
    }

    static String bar(long passing, int total) {
        int width = 10;
        int filled = total == 0 ? 0 : (int) (width * passing / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    static String shorten(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
