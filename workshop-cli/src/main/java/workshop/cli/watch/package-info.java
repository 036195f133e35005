/**
 * {@code ./workshop watch}: noticing saves ({@link workshop.cli.watch.SourceWatcher}), compiling what
 * changed ({@link workshop.cli.watch.IncrementalCompiler}), running the tests in a fresh JVM started
 * ahead of time ({@link workshop.cli.watch.TestRuns}), and the loop that ties them together
 * ({@link workshop.cli.watch.WatchLoop}).
 */
package workshop.cli.watch;
