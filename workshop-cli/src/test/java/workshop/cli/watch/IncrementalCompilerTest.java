package workshop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Compiling what changed")
class IncrementalCompilerTest {

    @TempDir
    Path dir;

    private Path greeter;
    private Path caller;
    private Path classes;
    private IncrementalCompiler compiler;

    @BeforeEach
    void two_files_one_calling_the_other() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/greeting"));
        greeter = sources.resolve("Greeter.java");
        caller = sources.resolve("Caller.java");
        Files.writeString(greeter, "package greeting;\npublic class Greeter {\n    public String greet() { return \"hi\"; }\n}\n");
        Files.writeString(caller, "package greeting;\nclass Caller {\n    String call() { return new Greeter().greet(); }\n}\n");
        classes = dir.resolve("classes");
        compiler = new IncrementalCompiler(List.of(new IncrementalCompiler.Tree(dir.resolve("src"), classes)), List.of(), 21);
        assertThat(compiler.compileEverything()).isEqualTo(new IncrementalCompiler.Compiled(2, true));
    }

    @Test
    @DisplayName("compiles only the changed file when what others see of it stays the same")
    void body_change() throws IOException {
        Files.writeString(greeter, Files.readString(greeter).replace("\"hi\"", "\"hello\""));
        assertThat(compiler.compile(Set.of(greeter))).isEqualTo(new IncrementalCompiler.Compiled(1, false));
    }

    @Test
    @DisplayName("compiles its callers again when a signature changes, so their error shows as in a full build")
    void signature_change() throws IOException {
        Files.writeString(greeter, Files.readString(greeter).replace("greet()", "greet(int times)"));
        IncrementalCompiler.Result result = compiler.compile(Set.of(greeter));
        assertThat(result).as("a changed signature must compile its callers again").isInstanceOf(IncrementalCompiler.Failed.class);
        IncrementalCompiler.Failed failed = (IncrementalCompiler.Failed) result;
        assertThat(failed.file()).isEqualTo(caller);
        assertThat(failed.line()).isEqualTo(3);
        assertThat(failed.sourceLine()).contains("new Greeter().greet()");
    }

    @Test
    @DisplayName("compiles everything again when the classes were deleted meanwhile (./mvnw clean)")
    void cleaned() throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        Files.writeString(greeter, Files.readString(greeter).replace("\"hi\"", "\"hello\""));
        assertThat(compiler.compile(Set.of(greeter))).as("after the classes were deleted").isEqualTo(new IncrementalCompiler.Compiled(2, true));
        assertThat(classes.resolve("greeting/Caller.class")).as("the class of the file that did not change").exists();
    }

    @Test
    @DisplayName("removes a deleted file's classes, and keeps a failed file due until it compiles")
    void deleted_and_failed() throws IOException {
        // WHEN the caller is deleted THEN its class file goes too
        Files.delete(caller);
        assertThat(compiler.compile(Set.of(caller))).isInstanceOf(IncrementalCompiler.Compiled.class);
        assertThat(classes.resolve("greeting/Caller.class")).doesNotExist();
        // WHEN the greeter is saved broken, then an unrelated file is added THEN the greeter is still due and fails again
        Files.writeString(greeter, Files.readString(greeter).replace("return \"hi\";", "return \"hi\""));
        assertThat(compiler.compile(Set.of(greeter))).isInstanceOf(IncrementalCompiler.Failed.class);
        Path other = greeter.resolveSibling("Other.java");
        Files.writeString(other, "package greeting;\nclass Other {}\n");
        assertThat(compiler.compile(Set.of(other))).as("a broken file must stay due until it compiles")
                .isInstanceOf(IncrementalCompiler.Failed.class);
        // WHEN it is fixed THEN both compile
        Files.writeString(greeter, Files.readString(greeter).replace("return \"hi\" }", "return \"hi\"; }"));
        assertThat(compiler.compile(Set.of(greeter))).isEqualTo(new IncrementalCompiler.Compiled(2, false));
    }
}
