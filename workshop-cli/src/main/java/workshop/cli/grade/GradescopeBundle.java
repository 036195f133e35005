package workshop.cli.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import workshop.cli.workspace.AtomicFiles;
import workshop.cli.workspace.Commands;

/**
 * The Gradescope autograder bundle: a zip with {@code setup.sh} and {@code run_autograder} at its root
 * and the instructor tree (POMs, kit, exercises, solutions with their hidden tests, the {@code ./workshop}
 * command; nothing git ignores) under {@value #TREE}. Gradescope unpacks it into
 * {@code /autograder/source}; {@code setup.sh} builds the tree once, {@code run_autograder} grades each
 * submission with {@code ./workshop grade}.
 */
public final class GradescopeBundle {

    /** The folder of the zip (and of {@code /autograder/source}) that holds the instructor tree. */
    static final String TREE = "workshop/";
    public static final List<String> SCRIPTS = List.of("setup.sh", "run_autograder");

    private GradescopeBundle() {
    }

    /** Tracked files the grader has no use for: the repository's CI workflows. */
    public static boolean packed(String path) {
        return !path.startsWith(".github/") && !path.startsWith("backups/");
    }

    /**
     * Writes the bundle of the instructor tree at {@code root} to {@code zip}, complete or not at all.
     *
     * @return the number of files of the instructor tree in it
     */
    public static int write(Path root, Path zip) throws IOException {
        List<String> files = instructorFiles(root).stream().filter(GradescopeBundle::packed).toList();
        AtomicFiles.write(zip, stream -> {
            try (ZipOutputStream out = new ZipOutputStream(stream)) {
                for (String script : SCRIPTS) {
                    out.putNextEntry(new ZipEntry(script));
                    copyScript(script, out);
                    out.closeEntry();
                }
                for (String file : files) {
                    out.putNextEntry(new ZipEntry(TREE + file));
                    Files.copy(root.resolve(file), out);
                    out.closeEntry();
                }
            }
        });
        return files.size();
    }

    /**
     * The files of the instructor tree as they are now, as {@code ./workshop grade} would see them: tracked
     * or new, but not ignored by git (so no {@code target/}, no {@code .git}).
     */
    private static List<String> instructorFiles(Path root) {
        String listing = Commands.git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").text();
        return Arrays.stream(listing.split("\0")).filter(file -> !file.isBlank())
                .filter(file -> Files.isRegularFile(root.resolve(file), LinkOption.NOFOLLOW_LINKS)).distinct().sorted().toList();
    }

    private static void copyScript(String script, OutputStream out) throws IOException {
        try (InputStream in = GradescopeBundle.class.getResourceAsStream("gradescope/" + script)) {
            if (in == null) {
                throw new IllegalStateException("the ./workshop command is built without its resource gradescope/" + script);
            }
            in.transferTo(out);
        }
    }
}
