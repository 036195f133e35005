package workshop.cli.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Waits for saves of Java sources under a few folders (recursively) and says which files changed.
 *
 * <p>What changed is always decided by comparing the files' sizes and modification times with the
 * last look, so a lost or merged file event cannot hide a change. File events
 * ({@link WatchService}) only say <em>when</em> to look; a save is reported once no event has arrived
 * for {@link #QUIET} (editors write a file several times per save). Where file events do not work
 * (no native watch service, a network or container file system that sends none) it polls every
 * {@link #POLL_INTERVAL}: from the start with {@link Mode#POLLING}, or from the moment a look it
 * makes every {@link #SAFETY_LOOK} finds a change no event announced.
 *
 * <p>Not thread-safe: one thread calls {@link #awaitChanges()}; {@link #close()} may come from
 * another, after interrupting it.
 */
public final class SourceWatcher implements AutoCloseable {

    /** How changes are noticed. */
    public enum Mode { EVENTS, POLLING }

    static final Duration QUIET = Duration.ofMillis(100);
    static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    static final Duration SAFETY_LOOK = Duration.ofSeconds(2);
    private static final Duration LONGEST_BURST = Duration.ofSeconds(1);
    /** How long a file event may take to arrive before its absence counts as "events do not work". */
    private static final Duration EVENT_DELAY = Duration.ofMillis(500);

    private final List<Path> roots;
    private final Map<Path, WatchKey> watched = new HashMap<>();
    private WatchService events;
    private Mode mode;
    private String modeReason;
    private Map<Path, Stamp> last;

    private record Stamp(long size, long modified) {
    }

    /**
     * Starts watching; the files as they are now are the baseline of the first {@link #awaitChanges()}.
     *
     * @param roots  source folders; one that does not exist yet is watched once it appears
     * @param wanted {@link Mode#EVENTS} to use file events where they work, {@link Mode#POLLING} to poll
     */
    public SourceWatcher(List<Path> roots, Mode wanted) {
        this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
        this.mode = Mode.POLLING;
        this.modeReason = "polling every " + POLL_INTERVAL.toMillis() + " ms, as asked";
        if (wanted == Mode.EVENTS) {
            startEvents();
        }
        this.last = snapshot();
    }

    /** One line on how changes are noticed, and why when it is not what was asked for. */
    public String describeMode() {
        return modeReason;
    }

    /**
     * Blocks until at least one source file was created, changed or deleted and the burst of writes
     * is over.
     *
     * @return the changed files (absolute), deleted ones included
     * @throws InterruptedException when interrupted while waiting
     */
    public Set<Path> awaitChanges() throws InterruptedException {
        while (true) {
            Set<Path> changed = mode == Mode.EVENTS ? awaitEvents() : awaitPolls();
            if (!changed.isEmpty()) {
                return changed;
            }
        }
    }

    private Set<Path> awaitEvents() throws InterruptedException {
        WatchKey key = events.poll(SAFETY_LOOK.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
            Set<Path> watchedBefore = Set.copyOf(watched.keySet());
            registerNewFolders();
            Set<Path> unannounced = look();
            Optional<Path> missed = unannounced.stream()
                    .filter(file -> watchedBefore.contains(file.getParent()) && settledBefore(file, EVENT_DELAY))
                    .findFirst();
            WatchKey late = events.poll();
            if (late != null) {
                late.pollEvents();
                late.reset();
            } else if (missed.isPresent()) {
                switchToPolling("file events did not report a change to " + missed.get().getFileName()
                        + ": polling every " + POLL_INTERVAL.toMillis() + " ms from now on");
            }
            return unannounced;
        }
        long burstEnds = System.nanoTime() + LONGEST_BURST.toNanos();
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = System.nanoTime() < burstEnds ? events.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS) : null;
        }
        registerNewFolders();
        return look();
    }

    private Set<Path> awaitPolls() throws InterruptedException {
        while (true) {
            Thread.sleep(POLL_INTERVAL);
            Map<Path, Stamp> now = snapshot();
            if (!now.equals(last)) {
                // The save may still be under way: wait until two looks agree.
                Map<Path, Stamp> settled;
                long burstEnds = System.nanoTime() + LONGEST_BURST.toNanos();
                while (!(settled = snapshotAfter(QUIET)).equals(now) && System.nanoTime() < burstEnds) {
                    now = settled;
                }
                return commit(settled);
            }
        }
    }

    private Map<Path, Stamp> snapshotAfter(Duration pause) throws InterruptedException {
        Thread.sleep(pause);
        return snapshot();
    }

    /** Compares the files with the last look and makes them the new baseline. */
    private Set<Path> look() {
        return commit(snapshot());
    }

    private Set<Path> commit(Map<Path, Stamp> now) {
        Set<Path> changed = new TreeSet<>();
        now.forEach((file, stamp) -> {
            if (!stamp.equals(last.get(file))) {
                changed.add(file);
            }
        });
        last.keySet().stream().filter(file -> !now.containsKey(file)).forEach(changed::add);
        last = now;
        return changed;
    }

    /** Size and modification time of every {@code .java} file under the roots. */
    private Map<Path, Stamp> snapshot() {
        Map<Path, Stamp> files = new HashMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".java")) {
                            files.put(file, new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis()));
                        }
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                        return java.nio.file.FileVisitResult.CONTINUE; // deleted while walking: the next look sees it gone
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + root, e);
            }
        }
        return files;
    }

    private void startEvents() {
        try {
            events = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            switchToPolling("file events are not available here (" + e.getMessage() + "): polling every "
                    + POLL_INTERVAL.toMillis() + " ms");
            return;
        }
        // Some platforms only emulate events by scanning every few seconds: too slow for a verdict on save.
        if (events.getClass().getSimpleName().contains("Polling")) {
            switchToPolling("this platform's file events come late (they are polled every few seconds):"
                    + " polling every " + POLL_INTERVAL.toMillis() + " ms instead");
            return;
        }
        mode = Mode.EVENTS;
        modeReason = "file events";
        try {
            registerNewFolders();
        } catch (UncheckedIOException e) {
            switchToPolling("file events cannot watch these folders (" + e.getCause().getMessage() + "): polling every "
                    + POLL_INTERVAL.toMillis() + " ms");
        }
    }

    /** Registers every folder under the roots not registered yet (a new package folder, say). */
    private void registerNewFolders() {
        Set<Path> present = new HashSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> folders = Files.walk(root)) {
                for (Path folder : folders.filter(Files::isDirectory).toList()) {
                    present.add(folder);
                    if (!watched.containsKey(folder)) {
                        watched.put(folder, folder.register(events, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE, OVERFLOW));
                    }
                }
            } catch (NoSuchFileException e) {
                // a folder deleted while walking: the next event walks again
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        watched.entrySet().removeIf(entry -> {
            if (!present.contains(entry.getKey())) {
                entry.getValue().cancel();
                return true;
            }
            return false;
        });
    }

    private void switchToPolling(String reason) {
        mode = Mode.POLLING;
        modeReason = reason;
        closeEvents();
    }

    private void closeEvents() {
        watched.clear();
        if (events != null) {
            try {
                events.close();
            } catch (IOException ignored) {
                // closing a watch service only releases it
            }
            events = null;
        }
    }

    /** Whether a file (still present) was last written at least {@code age} ago. */
    private boolean settledBefore(Path file, Duration age) {
        Stamp stamp = last.get(file);
        return stamp != null && System.currentTimeMillis() - stamp.modified() >= age.toMillis();
    }

    @Override
    public void close() {
        closeEvents();
    }
}
