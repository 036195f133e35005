package workshop.kit.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fingerprint of an exercise's sources, kept beside the report of each run, so that "changed since
 * this run" means other content, not a newer file time (a reset or an undo that brings back the same
 * files changes nothing).
 */
public final class SourceDigest {

    /** Where a run keeps the fingerprint of the sources it ran, relative to the exercise. */
    public static final String FILE = "target/workshop/sources.sha256";
    private static final String SOURCES = "src/main/java";

    private SourceDigest() {
    }

    /** The SHA-256 of every file under {@code sources}: their paths, in order, and their bytes. */
    public static String of(Path sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(sources)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(sources)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    sha.update(sources.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(Files.readAllBytes(file));
                    sha.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the fingerprint of the exercise's sources as they are now, for the run that just ended. */
    public static void keep(Path exercise) throws IOException {
        Path file = exercise.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, of(exercise.resolve(SOURCES)) + "\n");
    }

    /** Whether the sources differ from those of the last run; {@code false} when no run kept a fingerprint. */
    public static boolean changedSince(Path exercise) {
        Path file = exercise.resolve(FILE);
        try {
            return Files.isRegularFile(file) && !Files.readString(file).strip().equals(of(exercise.resolve(SOURCES)));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
