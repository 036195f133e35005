package workshop.cli.workspace;

import java.nio.file.Path;
import workshop.kit.check.Lesson;

/** One exercise module of the workshop ({@code exercise-0N-name}). */
public record Exercise(Path dir) {

    public String name() {
        return dir.getFileName().toString();
    }

    /** The two digits of its name ({@code 02} for {@code exercise-02-threads}). */
    public String number() {
        return name().substring("exercise-".length(), "exercise-".length() + 2);
    }

    public Path readme() {
        return dir.resolve("README.md");
    }

    public Lesson lesson() {
        return Lesson.read(readme());
    }

    public Path sources() {
        return dir.resolve("src/main/java");
    }

    public Path visibleTests() {
        return dir.resolve("src/test/java");
    }

    /** The report {@code ./mvnw test} leaves behind (written by the kit's progress report). */
    public Path report() {
        return dir.resolve("target/workshop/checks.tsv");
    }

    public Path hintsShown() {
        return dir.resolve("target/workshop/hints-shown");
    }

    public boolean matches(String wanted) {
        String w = wanted.strip();
        if (w.endsWith("/")) {
            w = w.substring(0, w.length() - 1);
        }
        w = Path.of(w).getFileName().toString();
        return name().equals(w) || number().equals(w) || (w.length() == 1 && number().equals("0" + w))
                || name().substring("exercise-0N-".length()).equals(w);
    }
}
