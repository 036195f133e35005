package workshop.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Slow: may install Chromium first. Runs with {@code -Dworkshop.cli.excludedGroups=none}. */
@Tag("slow")
@DisplayName("The comparison page in a real browser")
class ComparePageInBrowserTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1400;

    /** Java2D starts a thread of its own on first use and keeps it: start it before the kit's guards take their baseline. */
    @BeforeAll
    static void java2d_in_use() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", png);
        ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("headless Chromium draws the tables, the ratio charts and every model's timeline")
    void headless_chromium_draws_every_model() throws IOException, InterruptedException {
        // GIVEN a page of the lab with the reference solutions
        Path dir = Files.createTempDirectory("compare-page");
        try {
            Path page = dir.resolve("index.html");
            CompareCommandTest.Ran ran = CompareCommandTest.compare("--reference", "--dashboards", "5", "--latency", "30",
                    "--routes", "8", "--chunks", "4", "--scenarios", "200", "--workers", "2", "--runs", "1",
                    "--html", page.toString());
            assertThat(ran.exit()).as("the lab's exit code; stderr:%n%s", ran.err()).isZero();

            // WHEN the screenshot script renders it in headless Chromium (installing Chromium if it is missing)
            Path shot = dir.resolve("shot.png");
            render(page, shot, null);

            // THEN it makes a screenshot of the asked size in which every model's colour shows
            BufferedImage image = ImageIO.read(shot.toFile());
            assertThat(image).as("the screenshot should be a readable PNG").isNotNull();
            assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo(WIDTH + "x" + HEIGHT);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    colours.add(image.getRGB(x, y) & 0xFFFFFF);
                }
            }
            assertThat(colours.size()).as("distinct colours in the screenshot: a blank or unstyled page has very few").isGreaterThan(50);
            Map<String, Integer> modelColours = Map.of("sequential", 0xd9534f, "platform threads (pool)", 0xe8a33d,
                    "virtual threads", 0x3f9f4f, "CompletableFuture", 0x2f86c9, "worker processes", 0x8a63c2);
            modelColours.forEach((model, colour) -> assertThat(colours)
                    .as("the bars of %s (colour #%06x) should show in the screenshot; if not, the browser did not draw the SVG",
                            model, colour)
                    .contains(colour));
        } finally {
            delete(dir);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("on a fresh edition, Chromium shows every model measured and an explanation under every figure")
    void on_a_fresh_edition_every_figure_is_explained_and_no_model_left_out() throws IOException, InterruptedException {
        // GIVEN a fresh learner edition: the four exercises, not one test run recorded
        Path dir = Files.createTempDirectory("compare-fresh");
        String workshopRoot = System.getProperty("workshop.root");
        try {
            Path edition = Files.createDirectories(dir.resolve("edition"));
            CompareCommandTest.freshEdition(edition);
            Path page = dir.resolve("index.html");
            CompareCommandTest.Ran ran;
            System.setProperty("workshop.root", edition.toString());
            try {
                ran = CompareCommandTest.compare("--dashboards", "3", "--latency", "20", "--routes", "6", "--chunks", "3",
                        "--scenarios", "200", "--workers", "2", "--runs", "1", "--html", page.toString());
            } finally {
                System.setProperty("workshop.root", workshopRoot);
            }
            assertThat(ran.exit()).as("the lab's exit code; stderr:%n%s", ran.err()).isZero();

            // WHEN Chromium opens the page, and the document it parsed is read back
            Path dom = dir.resolve("dom.html");
            render(page, dir.resolve("shot.png"), dom);
            String document = Files.readString(dom, StandardCharsets.UTF_8);

            // THEN no model is left out, and right under every table, ratio chart and timeline stands its explanation
            assertThat(document).as("a fresh edition should show every model measured, the lab's code standing in")
                    .doesNotContain("left out");
            List<String> figures = new ArrayList<>();
            Matcher figure = FIGURE.matcher(document);
            while (figure.find()) {
                boolean table = figure.group(1) != null;
                String kind = table ? "table" : figure.group(2);
                String workload = table ? sectionAt(document, figure.start()) : figure.group(3);
                String model = figure.group(4);
                String expected = kind.equals("table") ? Explanations.table(workload) : kind.equals("ratios")
                        ? Explanations.ratios(workload) : Explanations.timeline(workload, modelOf(model));
                String what = workload + " " + kind + (model == null ? "" : " of " + model);
                figures.add(what);
                Matcher next = EXPLANATION.matcher(document).region(figure.end(), document.length());
                assertThat(next.lookingAt()).as("right after the %s the browser should find its explanation, not:%n%s", what,
                        document.substring(figure.end(), Math.min(document.length(), figure.end() + 300))).isTrue();
                assertThat(next.group(3)).as("the explanation under the %s", what).isEqualTo(expected);
                assertThat(next.group(1) + "/" + next.group(2)).as("what the explanation under the %s says it explains", what)
                        .isEqualTo(kind + "/" + workload);
            }
            List<String> expectedFigures = new ArrayList<>();
            for (String workload : List.of("io", "cpu")) {
                expectedFigures.add(workload + " table");
                expectedFigures.add(workload + " ratios");
                for (Model model : Model.values()) {
                    expectedFigures.add(workload + " timeline of " + model.slug());
                }
            }
            assertThat(figures).as("the figures the browser found, each with its explanation").containsExactlyElementsOf(expectedFigures);
        } finally {
            delete(dir);
        }
    }

    /** A table, or a ratio chart or timeline with its workload and model: the figures of the page, in their order. */
    private static final Pattern FIGURE = Pattern.compile("(<table>).*?</table>"
            + "|<svg class=\"(ratios|timeline)\" data-workload=\"(\\w+)\"(?: data-model=\"([\\w-]+)\")?[^>]*>.*?</svg>",
            Pattern.DOTALL);

    private static final Pattern EXPLANATION = Pattern.compile(
            "\\s*<p class=\"explain\" data-figure=\"(\\w+)\" data-workload=\"(\\w+)\"(?: data-model=\"[\\w-]+\")?>([^<]*)</p>");

    /** The workload of the section that holds the text at {@code index}. */
    private static String sectionAt(String document, int index) {
        Matcher section = Pattern.compile("<section id=\"(\\w+)\">").matcher(document.substring(0, index));
        String workload = "none";
        while (section.find()) {
            workload = section.group(1);
        }
        return workload;
    }

    private static Model modelOf(String slug) {
        for (Model model : Model.values()) {
            if (model.slug().equals(slug)) {
                return model;
            }
        }
        throw new AssertionError("a timeline of no known model: " + slug);
    }

    /** Renders {@code page} with scripts/screenshot-compare, and saves the parsed document to {@code dom} unless null. */
    private static void render(Path page, Path shot, Path dom) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("workshop.root")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/screenshot-compare").toString(), page.toString(),
                shot.toString(), WIDTH + "x" + HEIGHT));
        if (dom != null) {
            command.add(dom.toString());
        }
        Process script = new ProcessBuilder(command).redirectErrorStream(true).start();
        script.getOutputStream().close();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = script.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
        assertThat(ended && script.exitValue() == 0).as("scripts/screenshot-compare should succeed; it said:%n%s", output).isTrue();
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
