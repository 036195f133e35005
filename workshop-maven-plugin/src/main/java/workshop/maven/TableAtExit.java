package workshop.maven;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress table of one Maven run, printed when Maven's JVM exits: after the build summary and
 * the error lines, so that a learner's last screen holds the table, the next failing check and the
 * command to run next. Maven's exit code is left as it is.
 *
 * <p>Each exercise's test JVM writes the whole table to {@code target/workshop/progress.txt}, with the
 * run's build stamp beside it; the freshest table of this run is the one shown. An exercise of this
 * run whose checks never ran (it did not compile, say) is named below it.
 *
 * <p>Only JDK classes are used, and none is loaded late: when the hook runs, Maven has closed the
 * plugin's class loader.
 */
final class TableAtExit extends Thread {

    private static final String TABLE = "target/workshop/progress.txt";
    private static final String STAMP = "target/workshop/build";

    private static TableAtExit current;

    private final String build;
    private final List<Path> exercises = new ArrayList<>();
    private final PrintStream out = System.out;

    private TableAtExit(String build) {
        super("workshop-progress-table");
        this.build = build;
    }

    /** The table of the run with this build stamp; registered as a shutdown hook on first use. */
    static synchronized TableAtExit forBuild(String build) {
        if (current == null || !current.build.equals(build)) {
            if (current != null) {
                Runtime.getRuntime().removeShutdownHook(current);
            }
            current = new TableAtExit(build);
            Runtime.getRuntime().addShutdownHook(current);
        }
        return current;
    }

    synchronized void cover(Path exercise) {
        if (!exercises.contains(exercise)) {
            exercises.add(exercise);
        }
    }

    @Override
    public void run() {
        try {
            out.write(text().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            out.println("(the progress table could not be shown: " + e + "; ./workshop status shows it)");
        }
    }

    private synchronized String text() throws IOException {
        Path freshest = null;
        FileTime freshestTime = null;
        StringBuilder notRun = new StringBuilder();
        for (Path exercise : exercises) {
            Path table = exercise.resolve(TABLE);
            if (ranInThisBuild(exercise) && Files.isRegularFile(table)) {
                FileTime written = Files.getLastModifiedTime(table);
                if (freshestTime == null || written.compareTo(freshestTime) >= 0) {
                    freshest = table;
                    freshestTime = written;
                }
            } else {
                notRun.append(" ").append(exercise.getFileName()).append(": no check ran in this run; the build stopped before its tests.")
                        .append(System.lineSeparator())
                        .append("   Maven's [ERROR] lines above say why (a compile error names the file and line).")
                        .append(System.lineSeparator());
            }
        }
        StringBuilder text = new StringBuilder(System.lineSeparator());
        if (freshest != null) {
            text.append(Files.readString(freshest, StandardCharsets.UTF_8));
        }
        return text.append(notRun).toString();
    }

    private boolean ranInThisBuild(Path exercise) throws IOException {
        Path stamp = exercise.resolve(STAMP);
        return Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(build);
    }
}
