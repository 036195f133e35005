package workshop.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junitpioneer.jupiter.RestoreSystemProperties;
import workshop.cli.Workshop;
import workshop.cli.workspace.ExitCode;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.OnStub;

@DisplayName("./workshop compare")
class CompareCommandTest {

    /** What one command printed and returned. */
    record Ran(int exit, String out, String err) {
    }

    static Ran compare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> command = new ArrayList<>(List.of("compare"));
        command.addAll(List.of(args));
        int exit = Workshop.execute(command.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(exit, out.toString(), err.toString());
    }

    /** Each timeline SVG of the page, keyed {@code workload/model}, with the number of bars it draws. */
    static Map<String, Integer> barsPerTimeline(String html) {
        Map<String, Integer> bars = new LinkedHashMap<>();
        Matcher svg = Pattern.compile("<svg class=\"timeline\" data-workload=\"(\\w+)\" data-model=\"([\\w-]+)\"[^>]*>(.*?)</svg>",
                Pattern.DOTALL).matcher(html);
        while (svg.find()) {
            bars.put(svg.group(1) + "/" + svg.group(2), countOf("<rect class=\"bar\"", svg.group(3)));
        }
        return bars;
    }

    /** A workshop folder with the four exercises and no recorded test run: a fresh learner edition, nothing solved. */
    static void freshEdition(Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        for (String exercise : List.of("exercise-01-sync", "exercise-02-threads", "exercise-03-tasks", "exercise-04-processes")) {
            Files.createDirectories(root.resolve(exercise).resolve("src/main/java"));
            Files.writeString(root.resolve(exercise).resolve("README.md"), "# " + exercise + "\n\n### Step 1: begin\n");
        }
    }

    static int countOf(String what, String text) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    @Nested
    @DisplayName("with the reference solutions, on a small workload")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTheReferenceSolutions {

        private Ran ran;
        private String html;

        @BeforeAll
        void run_the_lab_once(@TempDir Path out) throws IOException {
            // GIVEN 3 dashboards (12 calls of 20 ms) and a nightly plan of 3 small chunks
            // WHEN the lab runs every model once after a warm-up
            ran = compare("--reference", "--dashboards", "3", "--latency", "20", "--routes", "6", "--chunks", "3",
                    "--scenarios", "200", "--workers", "2", "--runs", "1", "--html", out.resolve("index.html").toString());
            html = Files.isRegularFile(out.resolve("index.html")) ? Files.readString(out.resolve("index.html")) : "";
        }

        @Test
        void every_model_that_fits_a_workload_runs_the_reference_code() {
            // THEN it succeeds, and the table has a measured row for each model of each workload
            assertThat(ran.exit()).as("exit code; stderr:%n%s%nstdout:%n%s", ran.err(), ran.out()).isZero();
            String io = ran.out().substring(0, ran.out().indexOf("CPU-bound"));
            String cpu = ran.out().substring(ran.out().indexOf("CPU-bound"));
            for (String model : List.of("sequential", "platform threads (pool)", "virtual threads", "CompletableFuture")) {
                assertThat(io).as("the IO table should show %s measured with the reference code; it shows:%n%s", model, io)
                        .containsPattern("(?m)^ " + Pattern.quote(model) + " +reference +\\d");
            }
            assertThat(io).as("worker processes have no IO exercise, so the IO table should show the lab's own:%n%s", io)
                    .containsPattern("(?m)^ worker processes +the lab's +\\d");
            assertThat(cpu).as("the CPU table should show worker processes measured with the reference NightlyJob:%n%s", cpu)
                    .containsPattern("(?m)^ worker processes +reference +\\d");
            assertThat(cpu).as("the CPU table should show the lab's own thread models:%n%s", cpu)
                    .containsPattern("(?m)^ virtual threads +the lab's +\\d");
        }

        @Test
        void each_timeline_has_exactly_one_bar_per_call_or_chunk() {
            // THEN the page draws one timeline per model that ran, each with one bar per call (IO) or chunk (CPU)
            Map<String, Integer> bars = barsPerTimeline(html);
            assertThat(bars).as("timelines of the page (workload/model = bars); likely cause of a mismatch: a bar lost or"
                            + " drawn twice, or a model left out; stdout:%n%s", ran.out())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "io/sequential", 12, "io/platform-pool", 12, "io/virtual-threads", 12, "io/completable-future", 12,
                            "io/worker-processes", 12, "cpu/sequential", 3, "cpu/platform-pool", 3, "cpu/virtual-threads", 3, "cpu/completable-future", 3,
                            "cpu/worker-processes", 3));
        }

        @Test
        void the_page_needs_nothing_from_the_network_and_charts_every_ratio() {
            // THEN the page loads no script and no file, and its ratio charts have a bar per measured model
            assertThat(html).as("the page should be self-contained: no script, no external file")
                    .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=").doesNotContain("@import");
            assertThat(countOf("<rect class=\"ratio\"", html)).as("bars of the two ratio charts (5 models each)")
                    .isEqualTo(10);
        }
    }

    @RestoreSystemProperties
    @Nested
    @DisplayName("with a learner's code whose checks do not pass yet")
    class WithTheLearnersCode {

        @TempDir
        Path root;


        @BeforeEach
        void a_workshop_with_four_exercises() throws IOException {
            System.setProperty("workshop.root", root.toString());
            freshEdition(root);
        }

        private void results(String exercise, String... checks) throws IOException {
            Path report = Files.createDirectories(root.resolve(exercise).resolve("target/workshop")).resolve("checks.tsv");
            Files.write(report, List.of(checks));
            Files.setLastModifiedTime(report, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        }

        private static String check(String method, String status, int step) {
            return new CheckOutcome("workshop.threads.DashboardBatchTest#" + method, method, CheckOutcome.Status.valueOf(status),
                    "timing", 2, OnStub.FAILS, step, false, "", false).toLine();
        }

        @Test
        void the_labs_own_code_stands_in_for_each_model_saying_why_and_nothing_is_built() throws IOException {
            // GIVEN exercise 02 whose pool step fails and whose virtual-thread step passes, but whose statistics step fails,
            //       and no recorded test run of the other exercises
            results("exercise-02-threads", check("pool", "FAILED", 2), check("virtual", "PASSED", 3), check("stats", "FAILED", 4));

            // WHEN the lab runs the IO workload with the learner's code
            Ran ran = compare("--workload", "io", "--dashboards", "2", "--latency", "5", "--runs", "1", "--workers", "1",
                    "--html", root.resolve("page.html").toString());

            // THEN every model runs the lab's own code, each row saying which check or run keeps the learner's out
            assertThat(ran.exit()).as("exit code; stderr:%n%s", ran.err()).isZero();
            String standsIn = " +the lab's +\\d.*stands in for your code until it may run: ";
            assertThat(ran.out()).as("the stand-ins and their reasons in the table")
                    .containsPattern("(?m)^ sequential" + standsIn
                            + "no test run of exercise-01-sync recorded yet \\(./mvnw test -pl exercise-01-sync\\)")
                    .containsPattern("(?m)^ platform threads \\(pool\\)" + standsIn
                            + "step 2 of exercise-02-threads does not pass yet \\(DashboardBatchTest.pool\\)")
                    .containsPattern("(?m)^ virtual threads" + standsIn
                            + "step 4 of exercise-02-threads does not pass yet \\(DashboardBatchTest.stats\\)")
                    .containsPattern("(?m)^ CompletableFuture" + standsIn + "no test run of exercise-03-tasks recorded yet")
                    .containsPattern("(?m)^ worker processes +the lab's +\\d")
                    .doesNotContain("left out");
            assertThat(ran.err()).as("nothing should be compiled when no exercise's code may run").doesNotContain("compiling");
            assertThat(barsPerTimeline(Files.readString(root.resolve("page.html")))).as("timelines of the lab's own models")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("io/sequential", 8, "io/platform-pool", 8, "io/virtual-threads", 8,
                            "io/completable-future", 8, "io/worker-processes", 8));
        }

        @Test
        void the_reference_is_refused_without_the_solutions_folder() {
            // WHEN the lab is asked for the reference solutions in a learner edition
            Ran ran = compare("--reference", "--workload", "io", "--runs", "1");

            // THEN it says so, with the exit code of a wrong command line
            assertThat(ran.exit()).as("exit code; stderr:%n%s", ran.err()).isEqualTo(ExitCode.USAGE);
            assertThat(ran.err()).contains("--reference needs the instructor edition");
        }
    }
}
