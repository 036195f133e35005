package workshop.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
            Path root = Path.of(System.getProperty("workshop.root")).toAbsolutePath().normalize();
            Process script = new ProcessBuilder(root.resolve("scripts/screenshot-compare").toString(), page.toString(),
                    shot.toString(), WIDTH + "x" + HEIGHT).redirectErrorStream(true).start();
            script.getOutputStream().close();
            String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = script.waitFor(8, TimeUnit.MINUTES);
            if (!ended) {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
            }

            // THEN it makes a screenshot of the asked size in which every model's colour shows
            assertThat(ended && script.exitValue() == 0).as("scripts/screenshot-compare should succeed; it said:%n%s", output).isTrue();
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
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
