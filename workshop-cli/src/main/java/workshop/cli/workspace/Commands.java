package workshop.cli.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs external commands (git, the Maven wrapper) and collects what they print. */
public final class Commands {

    /** What a command did: its exit code and its output, standard error included. */
    public record Ran(int exitCode, byte[] output) {
        public String text() {
            return new String(output, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Commands() {
    }

    public static Ran run(Path dir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            return new Ran(process.waitFor(), output);
        } catch (IOException e) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, "could not run " + command.getFirst() + ": " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkshopException(ExitCode.INTERRUPTED, "interrupted while running " + command.getFirst() + ".", e);
        }
    }

    /** Runs git in {@code dir}; fails in one sentence when git is missing or says no. */
    public static Ran git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
        command.addAll(List.of(args));
        Ran ran = run(dir, command);
        if (!ran.ok()) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, "git " + String.join(" ", args) + " failed: "
                    + ran.text().strip().lines().findFirst().orElse("exit code " + ran.exitCode()) + ".");
        }
        return ran;
    }

    /** The Maven wrapper of a workshop folder, as a command prefix. */
    public static List<String> mavenWrapper(Path root) {
        boolean windows = System.getProperty("os.name", "").toLowerCase().contains("win");
        return windows ? List.of("cmd", "/c", root.resolve("mvnw.cmd").toString())
                : List.of(root.resolve("mvnw").toString());
    }

    public static void deleteTree(Path dir) {
        if (!java.nio.file.Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true);
                java.nio.file.Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    public static void copyTree(Path from, Path to) {
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (java.nio.file.Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    java.nio.file.Files.createDirectories(target);
                } else if (java.nio.file.Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    java.nio.file.Files.createDirectories(target.getParent());
                    java.nio.file.Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " to " + to, e);
        }
    }
}
