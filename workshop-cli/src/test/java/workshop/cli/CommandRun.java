package workshop.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one {@code ./workshop} command line printed and returned, run in this JVM. */
public record CommandRun(int exit, String out, String err) {

    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Workshop.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
