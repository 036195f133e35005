package workshop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import workshop.cli.workspace.Commands;

/**
 * A small workshop tree in a scratch folder that the {@code ./workshop} commands of a test take for the
 * workshop (through {@code workshop.root}); the test class gives the real one back with
 * {@code @RestoreSystemProperties}.
 */
public final class ScratchTree {

    private final Path root;

    public ScratchTree(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        System.setProperty("workshop.root", root.toString());
    }

    public Path root() {
        return root;
    }

    /** Writes a file of the tree, folders included. */
    public ScratchTree write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    /** Makes the tree a git repository with everything in it committed. */
    public void commit() {
        for (List<String> command : List.of(List.of("git", "init", "-q"), List.of("git", "add", "."),
                List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "tree"))) {
            assertThat(Commands.run(root, command).exitCode()).as(String.join(" ", command)).isZero();
        }
    }
}
