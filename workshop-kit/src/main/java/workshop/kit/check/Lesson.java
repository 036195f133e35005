package workshop.kit.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exercise's lesson, read from its README: the numbered steps and each step's hints. The
 * README is the one source of hints; the progress report and {@code ./workshop hint} both read it.
 *
 * <p>The README's convention: a step is a heading {@code ### Step N: title}; its hints are the
 * lines below it, up to the next heading, that start with {@code > Hint:}.
 */
public record Lesson(String exercise, List<LessonStep> steps) {

    private static final Pattern STEP = Pattern.compile("^#{2,4}\\s+Step\\s+(\\d+)\\s*[:.]?\\s*(.*)$");
    private static final Pattern HINT = Pattern.compile("^>\\s*\\**Hint\\**:?\\**\\s*(.+)$");

    /** One step: its number, title and hints in the order the README gives them. */
    public record LessonStep(int number, String title, List<String> hints) {
    }

    /** Reads the lesson at {@code readme}; a missing file gives a lesson without steps. */
    public static Lesson read(Path readme) {
        String exercise = readme.toAbsolutePath().getParent().getFileName().toString();
        if (!Files.isRegularFile(readme)) {
            return new Lesson(exercise, List.of());
        }
        try {
            return parse(exercise, Files.readAllLines(readme));
        } catch (IOException e) {
            return new Lesson(exercise, List.of());
        }
    }

    static Lesson parse(String exercise, List<String> lines) {
        List<LessonStep> steps = new ArrayList<>();
        int number = -1;
        String title = "";
        List<String> hints = new ArrayList<>();
        boolean inCodeBlock = false;
        for (String line : lines) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                inCodeBlock = !inCodeBlock;
                continue;
            }
            if (inCodeBlock) {
                continue;
            }
            Matcher step = STEP.matcher(line.strip());
            if (line.startsWith("#")) {
                if (number >= 0) {
                    steps.add(new LessonStep(number, title, List.copyOf(hints)));
                }
                number = step.matches() ? Integer.parseInt(step.group(1)) : -1;
                title = step.matches() ? step.group(2).strip() : "";
                hints.clear();
            } else if (number >= 0) {
                Matcher hint = HINT.matcher(line.strip());
                if (hint.matches()) {
                    hints.add(hint.group(1).strip());
                }
            }
        }
        if (number >= 0) {
            steps.add(new LessonStep(number, title, List.copyOf(hints)));
        }
        return new Lesson(exercise, List.copyOf(steps));
    }

    /** The step numbered {@code number}, if the lesson has it. */
    public java.util.Optional<LessonStep> step(int number) {
        return steps.stream().filter(step -> step.number() == number).findFirst();
    }
}
