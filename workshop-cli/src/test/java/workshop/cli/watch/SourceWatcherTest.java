package workshop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Noticing saves")
class SourceWatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path sources;

    private Path greeter;

    @BeforeEach
    void a_source_tree() throws IOException {
        greeter = Files.createDirectories(sources.resolve("greeting")).resolve("Greeter.java");
        Files.writeString(greeter, "class Greeter {}\n");
    }

    /** Waits for the next change set on a thread of its own; empty when none came within {@code wait}. */
    private static Set<Path> next(SourceWatcher watcher, Duration wait) throws Exception {
        try (ExecutorService waiting = Executors.newSingleThreadExecutor()) {
            Future<Set<Path>> changes = waiting.submit(watcher::awaitChanges);
            try {
                return changes.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException none) {
                changes.cancel(true);
                return Set.of();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceWatcher.Mode.class)
    @DisplayName("reports an editor's burst of writes as one save, and nothing after it")
    void burst_is_one_save(SourceWatcher.Mode mode) throws Exception {
        try (SourceWatcher watcher = new SourceWatcher(List.of(sources), mode)) {
            // WHEN an editor writes the file several times in quick succession
            for (int write = 0; write < 4; write++) {
                Files.writeString(greeter, "class Greeter { int v = " + write + "; }\n");
                Thread.sleep(20);
            }
            // THEN one change set names it, and no second one follows
            assertThat(next(watcher, WAIT)).as("the changed files after a burst of writes (%s)", watcher.describeMode())
                    .containsExactly(greeter);
            assertThat(next(watcher, Duration.ofSeconds(1))).as("a second report of the same burst: the writes were not debounced")
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceWatcher.Mode.class)
    @DisplayName("notices a file in a new package folder, and a deleted file")
    void new_folder_and_deleted_file(SourceWatcher.Mode mode) throws Exception {
        try (SourceWatcher watcher = new SourceWatcher(List.of(sources), mode)) {
            // WHEN a new package folder with a file appears THEN the file is reported
            Path added = Files.createDirectories(sources.resolve("greeting/polite")).resolve("Polite.java");
            Files.writeString(added, "class Polite {}\n");
            assertThat(next(watcher, WAIT)).as("a file created in a new folder").containsExactly(added);
            // WHEN a file is deleted THEN it is reported too
            Files.delete(greeter);
            assertThat(next(watcher, WAIT)).as("a deleted file").containsExactly(greeter);
            // WHEN a file in the new folder changes THEN it is reported (the folder is watched now)
            Files.writeString(added, "class Polite { }\n");
            assertThat(next(watcher, WAIT)).as("a change in the new folder").containsExactly(added);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceWatcher.Mode.class)
    @DisplayName("ignores files that are not Java sources")
    void ignores_other_files(SourceWatcher.Mode mode) throws Exception {
        try (SourceWatcher watcher = new SourceWatcher(List.of(sources), mode)) {
            Files.writeString(sources.resolve("greeting/Greeter.java~"), "backup\n");
            Files.writeString(sources.resolve("notes.txt"), "notes\n");
            assertThat(next(watcher, Duration.ofSeconds(1))).as("changes reported for files that are not .java").isEmpty();
        }
    }
}
