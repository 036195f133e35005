package workshop.cli.watch;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles an exercise's Java sources with the JDK's compiler in this JVM, after the first time only
 * the files that changed, into the folders the build uses ({@code target/classes},
 * {@code target/test-classes}).
 *
 * <p>A change that other files may depend on (a signature, a constant, a deleted file) compiles
 * everything again, so what runs is what a full build would have produced. For that it remembers,
 * per source file, the signatures of its non-private members and the class files it produced. A file
 * that failed to compile stays due until a compile succeeds.
 *
 * <p>Not thread-safe: one thread compiles.
 */
public final class IncrementalCompiler {

    /** A source folder and the folder its classes go to; a tree compiles against the classes of the trees before it. */
    public record Tree(Path sources, Path classes) {
        public Tree {
            sources = sources.toAbsolutePath().normalize();
            classes = classes.toAbsolutePath().normalize();
        }
    }

    /** What a compile did. */
    public sealed interface Result permits Compiled, Failed {
    }

    /**
     * It compiled.
     *
     * @param sources    how many source files were compiled
     * @param everything whether every file was compiled (first compile, or a change others may depend on)
     */
    public record Compiled(int sources, boolean everything) implements Result {
    }

    /**
     * It did not compile: the compiler's first error.
     *
     * @param file       the source file (absolute), or null when the error belongs to no file
     * @param line       its line (1-based; 0 when unknown)
     * @param column     its column (1-based; 0 when unknown)
     * @param message    the compiler's message
     * @param sourceLine the text of that line, empty when unknown
     * @param errors     how many errors the compiler reported
     */
    public record Failed(Path file, long line, long column, String message, String sourceLine, int errors) implements Result {
    }

    /** What the last successful compile of one source file produced. */
    private record Unit(String api, Set<String> classNames) {
    }

    private final List<Tree> trees;
    private final List<Path> classpath;
    private final int release;
    private final JavaCompiler compiler;
    private final Map<Path, Unit> units = new HashMap<>();
    private final Set<Path> due = new TreeSet<>();
    private boolean everythingDue = true;

    /**
     * @param trees     the source trees in dependency order (main, then tests)
     * @param classpath the libraries every tree compiles against
     * @param release   the {@code --release} to compile for
     */
    public IncrementalCompiler(List<Tree> trees, List<Path> classpath, int release) {
        this.trees = List.copyOf(trees);
        this.classpath = List.copyOf(classpath);
        this.release = release;
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("this Java has no compiler: run the workshop with a JDK, not a JRE");
        }
    }

    /** Compiles every source file of every tree. */
    public Result compileEverything() {
        everythingDue = true;
        return compile(Set.of());
    }

    /**
     * Compiles what changed (and whatever failed before); everything when a change may affect other files.
     *
     * @param changed source files created, changed or deleted since the last call (others are ignored)
     */
    public Result compile(Set<Path> changed) {
        changed.stream().map(file -> file.toAbsolutePath().normalize())
                .filter(file -> file.getFileName().toString().endsWith(".java") && treeOf(file) != null)
                .forEach(due::add);
        if (due.stream().anyMatch(file -> !Files.exists(file))) {
            everythingDue = true; // a deleted file: whoever used it must be compiled again
        }
        if (classesMissing()) {
            everythingDue = true; // the output was cleaned (./mvnw clean) since the last compile
        }
        if (!everythingDue) {
            int compiled = 0;
            for (Tree tree : trees) {
                List<Path> files = due.stream().filter(file -> file.startsWith(tree.sources())).toList();
                if (files.isEmpty()) {
                    continue;
                }
                Map<Path, Unit> before = new HashMap<>();
                files.forEach(file -> before.put(file, units.get(file)));
                Result result = compile(tree, files);
                if (result instanceof Failed) {
                    return result;
                }
                compiled += files.size();
                due.removeAll(files);
                boolean apiChanged = files.stream().anyMatch(file -> before.get(file) != null && units.get(file) != null
                        && !before.get(file).api().equals(units.get(file).api()));
                if (apiChanged) {
                    everythingDue = true;
                    break;
                }
            }
            if (!everythingDue) {
                return new Compiled(compiled, false);
            }
        }
        int compiled = 0;
        forgetDeletedSources();
        for (Tree tree : trees) {
            List<Path> files = javaFiles(tree.sources());
            if (files.isEmpty()) {
                continue;
            }
            Result result = compile(tree, files);
            if (result instanceof Failed) {
                return result;
            }
            compiled += files.size();
        }
        due.clear();
        everythingDue = false;
        return new Compiled(compiled, true);
    }

    private boolean classesMissing() {
        return units.entrySet().stream().anyMatch(unit -> unit.getValue().classNames().stream()
                .anyMatch(name -> !Files.exists(treeOf(unit.getKey()).classes().resolve(name.replace('.', File.separatorChar) + ".class"))));
    }

    /** Deletes the classes of sources that are gone. */
    private void forgetDeletedSources() {
        for (Path file : List.copyOf(units.keySet())) {
            if (!Files.exists(file)) {
                deleteClasses(treeOf(file), units.remove(file).classNames());
            }
        }
    }

    private Result compile(Tree tree, List<Path> files) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<Path, List<String>> apis = new TreeMap<>();
        Map<Path, Set<String>> generated = new HashMap<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            Files.createDirectories(tree.classes());
            List<Path> compileClasspath = new ArrayList<>();
            for (Tree earlier : trees) {
                compileClasspath.add(earlier.classes());
                if (earlier.equals(tree)) {
                    break;
                }
            }
            compileClasspath.addAll(classpath);
            List<String> options = List.of("--release", String.valueOf(release), "-g", "-proc:none", "-nowarn",
                    "-implicit:class", "-encoding", "UTF-8", "-d", tree.classes().toString(),
                    "-sourcepath", tree.sources().toString(),
                    "-cp", compileClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            JavacTask task = (JavacTask) compiler.getTask(new StringWriter(), fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            Elements elements = task.getElements();
            task.addTaskListener(new TaskListener() {
                @Override
                public void finished(TaskEvent event) {
                    if (event.getTypeElement() == null || event.getSourceFile() == null) {
                        return;
                    }
                    Path source = Path.of(event.getSourceFile().toUri()).toAbsolutePath().normalize();
                    if (event.getKind() == TaskEvent.Kind.ANALYZE) {
                        apis.computeIfAbsent(source, s -> new ArrayList<>()).add(api(event.getTypeElement()));
                    } else if (event.getKind() == TaskEvent.Kind.GENERATE) {
                        generated.computeIfAbsent(source, s -> new TreeSet<>())
                                .add(elements.getBinaryName(event.getTypeElement()).toString());
                    }
                }
            });
            if (!task.call()) {
                return firstError(diagnostics.getDiagnostics());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : apis.keySet()) {
            if (!file.startsWith(tree.sources())) {
                continue;
            }
            Set<String> classNames = generated.getOrDefault(file, Set.of());
            Unit previous = units.put(file, new Unit(String.join("\n", apis.get(file)), classNames));
            if (previous != null) {
                deleteClasses(tree, previous.classNames().stream().filter(name -> !classNames.contains(name)).toList());
            }
        }
        return new Compiled(files.size(), false);
    }

    private static void deleteClasses(Tree tree, java.util.Collection<String> binaryNames) {
        for (String name : binaryNames) {
            try {
                Files.deleteIfExists(tree.classes().resolve(name.replace('.', File.separatorChar) + ".class"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Tree treeOf(Path file) {
        return trees.stream().filter(tree -> file.startsWith(tree.sources())).findFirst().orElse(null);
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(file -> file.getFileName().toString().endsWith(".java") && Files.isRegularFile(file)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What other files can see of a type: its declaration and its non-private members, nested types included. */
    private static String api(TypeElement type) {
        StringBuilder out = new StringBuilder();
        describe(type, out);
        return out.toString();
    }

    private static void describe(TypeElement type, StringBuilder out) {
        out.append(type.getModifiers()).append(' ').append(type.getKind()).append(' ').append(type.getQualifiedName())
                .append(type.getTypeParameters()).append(" extends ").append(type.getSuperclass())
                .append(" implements ").append(type.getInterfaces()).append('\n');
        for (Element member : type.getEnclosedElements()) {
            if (member.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            if (member instanceof TypeElement nested) {
                describe(nested, out);
            } else if (member instanceof ExecutableElement method) {
                out.append("  ").append(method.getModifiers()).append(' ').append(method.getTypeParameters()).append(' ')
                        .append(method.getSimpleName()).append(method.asType()).append(" throws ").append(method.getThrownTypes()).append('\n');
            } else if (member instanceof VariableElement field) {
                out.append("  ").append(field.getModifiers()).append(' ').append(field.asType()).append(' ')
                        .append(field.getSimpleName()).append(" = ").append(Objects.toString(field.getConstantValue(), "")).append('\n');
            }
        }
    }

    private static Failed firstError(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.stream()
                .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR).toList();
        if (errors.isEmpty()) {
            return new Failed(null, 0, 0, "the compiler failed without an error message", "", 0);
        }
        Diagnostic<? extends JavaFileObject> first = errors.getFirst();
        Path file = first.getSource() == null ? null : Path.of(first.getSource().toUri()).toAbsolutePath().normalize();
        long line = Math.max(first.getLineNumber(), 0);
        return new Failed(file, line, Math.max(first.getColumnNumber(), 0), first.getMessage(Locale.ENGLISH),
                sourceLine(file, line), errors.size());
    }

    private static String sourceLine(Path file, long line) {
        if (file == null || line < 1) {
            return "";
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.skip(line - 1).findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
