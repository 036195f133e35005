package workshop.kit.check;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a set of Java sources in this JVM, for checks run against code other than the module's
 * own: a stub, a mutant, a learner's submission.
 *
 * <p>Source roots overlay one another: a file at the same relative path in an earlier root hides
 * the one in a later root. A mutant is compiled as {@code [mutant folder, reference sources]}.
 */
public final class Compilation {

    private Compilation() {
    }

    /**
     * Compiles every {@code .java} file of the overlaid roots into {@code outputDir}.
     *
     * @return empty when it compiled; otherwise the first error, as {@code File.java:12: message}
     */
    public static Optional<String> compile(List<Path> sourceRoots, List<Path> classpath, Path outputDir) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("this JVM has no Java compiler: run with a JDK, not a JRE");
        }
        Map<Path, Path> sources = overlay(sourceRoots);
        if (sources.isEmpty()) {
            return Optional.of("no Java sources found in " + sourceRoots);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            Files.createDirectories(outputDir);
            List<String> options = List.of("-proc:none", "-nowarn", "-d", outputDir.toString(),
                    "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            boolean compiled = compiler.getTask(new StringWriter(), files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources.values())).call();
            if (compiled) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .findFirst()
                .map(d -> (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(null))
                .orElse("the compiler failed without an error message"));
    }

    private static Map<Path, Path> overlay(List<Path> roots) {
        Map<Path, Path> byRelativePath = new LinkedHashMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                List<Path> javaFiles = new ArrayList<>(walk.filter(p -> p.toString().endsWith(".java")).toList());
                javaFiles.forEach(file -> byRelativePath.putIfAbsent(root.relativize(file), file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byRelativePath;
    }
}
