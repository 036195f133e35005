package workshop.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static workshop.cli.compare.CompareCommandTest.barsPerTimeline;
import static workshop.cli.compare.CompareCommandTest.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junitpioneer.jupiter.RestoreSystemProperties;
import workshop.cli.compare.CompareCommandTest.Ran;
import workshop.kit.check.CheckOutcome;
import workshop.kit.check.OnStub;

@DisplayName("./workshop compare --workload server")
class CompareServerTest {

    /** The table row of {@code model}: its label, whose code, then figures. */
    private static Pattern row(String model, String code) {
        return Pattern.compile("(?m)^ " + Pattern.quote(model) + " +" + Pattern.quote(code) + " +\\d");
    }

    @Nested
    @DisplayName("with the reference solutions, on a few clients")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithTheReferenceSolutions {

        private Ran ran;
        private String html;

        @BeforeAll
        void run_the_lab_once(@TempDir Path out) throws IOException {
            // GIVEN 12 clients at once, backends answering after 10 ms, a pool of 3 threads and 4 database connections
            // WHEN the lab runs the server workload, every model once after a warm-up
            ran = compare("--reference", "--workload", "server", "--clients", "12", "--latency", "10", "--pool", "3",
                    "--connections", "4", "--runs", "1", "--html", out.resolve("index.html").toString());
            html = Files.isRegularFile(out.resolve("index.html")) ? Files.readString(out.resolve("index.html")) : "";
        }

        @Test
        @DisplayName("the pool and virtual threads run exercise 05's reference server, the async handler the lab's own")
        void each_model_runs_the_code_it_stands_for() {
            // THEN it succeeds, with a measured row per model, and no other workload ran
            assertThat(ran.exit()).as("exit code; stderr:%n%s%nstdout:%n%s", ran.err(), ran.out()).isZero();
            assertThat(ran.out()).as("the server's table:%n%s", ran.out())
                    .contains(" Server: 12 clients at once, each GET /dashboard/<user>: a profile query on 4 database connections"
                            + " and 3 partner calls of 10 ms each")
                    .containsPattern(row("platform threads (pool)", "reference"))
                    .containsPattern(row("virtual threads", "reference"))
                    .containsPattern(row("CompletableFuture", "the lab's"))
                    .contains("Handlers.fixedPool(3)", "Handlers.virtualThreads()")
                    .doesNotContain("left out", "IO-bound", "CPU-bound", "sequential", "worker processes");
        }

        @Test
        @DisplayName("every client gets the page of its traveller: 12 answers 200 per model")
        void every_request_is_answered_with_its_page() {
            // THEN each model's row counts 12 answers with status 200 (each page was checked against the traveller's dashboard)
            for (String model : List.of("platform threads (pool)", "virtual threads", "CompletableFuture")) {
                assertThat(ran.out()).as("the answers of %s (the pages are checked by the lab; any other status shows here):%n%s",
                                model, ran.out())
                        .containsPattern("(?m)^ " + Pattern.quote(model) + " .* 200: 12 ");
            }
        }

        @Test
        @DisplayName("the page draws one bar per request for each model, and a ratio for each")
        void each_timeline_has_one_bar_per_request() {
            // THEN one timeline per model, one bar per client's request; a bar of the ratio chart per model
            assertThat(barsPerTimeline(html)).as("timelines of the page (workload/model = bars); stdout:%n%s", ran.out())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "server/platform-pool", 12, "server/virtual-threads", 12, "server/completable-future", 12));
            assertThat(CompareCommandTest.countOf("<rect class=\"ratio\"", html)).as("bars of the ratio chart").isEqualTo(3);
            assertThat(html).as("the server's table on the page").contains("<th>requests/s</th>", "<th>peak threads</th>");
        }
    }

    @RestoreSystemProperties
    @Nested
    @DisplayName("with a learner's server whose checks do not pass yet")
    class WithTheLearnersCode {

        @TempDir
        Path root;

        @BeforeEach
        void a_workshop_with_exercise_05() throws IOException {
            System.setProperty("workshop.root", root.toString());
            CompareCommandTest.freshEdition(root);
            Path exercise = root.resolve(ServerWorkload.EXERCISE);
            Files.createDirectories(exercise.resolve("src/main/java"));
            Files.writeString(exercise.resolve("README.md"), "# " + ServerWorkload.EXERCISE + "\n\n### Step 1: begin\n");
        }

        private void results(String... checks) throws IOException {
            Path report = Files.createDirectories(root.resolve(ServerWorkload.EXERCISE).resolve("target/workshop")).resolve("checks.tsv");
            Files.write(report, List.of(checks));
            Files.setLastModifiedTime(report, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        }

        private static String check(String method, String status, int step) {
            return new CheckOutcome("workshop.server.DashboardServerTest#" + method, method, CheckOutcome.Status.valueOf(status),
                    "timing", 2, OnStub.FAILS, step, false, "", false).toLine();
        }

        @Test
        @DisplayName("the lab's own servers stand in for the pool and virtual threads, each saying which step keeps yours out")
        void the_labs_own_servers_stand_in_saying_why() throws IOException {
            // GIVEN exercise 05 whose pool step fails, and whose virtual-thread step passes but whose deadline step fails
            results(check("pool", "FAILED", 1), check("virtual", "PASSED", 2), check("shed", "PASSED", 3), check("deadline", "FAILED", 4));

            // WHEN the lab runs the server workload with the learner's code
            Ran ran = compare("--workload", "server", "--clients", "6", "--latency", "5", "--pool", "2", "--connections", "2",
                    "--runs", "1", "--html", root.resolve("page.html").toString());

            // THEN every model runs the lab's own code, each stand-in saying which check keeps the learner's out
            assertThat(ran.exit()).as("exit code; stderr:%n%s", ran.err()).isZero();
            String standsIn = " +the lab's +\\d.*stands in for your code until it may run: ";
            assertThat(ran.out()).as("the stand-ins and their reasons in the table")
                    .containsPattern("(?m)^ platform threads \\(pool\\)" + standsIn
                            + "step 1 of exercise-05-server does not pass yet \\(DashboardServerTest.pool\\)")
                    .containsPattern("(?m)^ virtual threads" + standsIn
                            + "step 4 of exercise-05-server does not pass yet \\(DashboardServerTest.deadline\\)")
                    .containsPattern(row("CompletableFuture", "the lab's"))
                    .containsPattern("(?m)^ platform threads \\(pool\\) .* 200: 6 ")
                    .containsPattern("(?m)^ virtual threads .* 200: 6 ")
                    .doesNotContain("left out");
            assertThat(ran.err()).as("nothing should be compiled when no exercise's code may run").doesNotContain("compiling");
        }
    }

    @Nested
    @DisplayName("a run's figures, read from its request bars")
    class RunFigures {

        private static Bar request(int user, long startMillis, long endMillis, String outcome) {
            return new Bar("user " + user + ": " + outcome, Duration.ofMillis(startMillis).toNanos(), Duration.ofMillis(endMillis).toNanos(),
                    outcome);
        }

        @Test
        @DisplayName("count every outcome, take the latencies of the answered requests only, and the rate over the whole run")
        void outcomes_latencies_and_rate() {
            // GIVEN 4 requests: two pages, a refusal, and one that timed out
            List<Bar> bars = List.of(request(1, 0, 100, "200"), request(2, 0, 300, "200 (weather fallback)"),
                    request(3, 100, 200, "503"), request(4, 0, 2_000, "timed out"));

            // WHEN the run's figures are read
            Served served = Served.of(bars).orElseThrow();

            // THEN every outcome counts; 3 answers over the 2 s from the first request sent to the last bar's end
            assertThat(served.outcomes()).containsExactlyEntriesOf(new TreeMap<>(
                    Map.of("200", 1, "200 (weather fallback)", 1, "503", 1, "timed out", 1)));
            assertThat(served.perSecond()).as("answers per second").isEqualTo(1.5);
            assertThat(served.p50()).as("the median of 100, 100 and 300 ms").isEqualTo(Duration.ofMillis(100));
            assertThat(served.p99()).as("the highest of the three answers").isEqualTo(Duration.ofMillis(300));
        }

        @Test
        @DisplayName("are none for a timeline of calls or chunks")
        void none_for_calls() {
            assertThat(Served.of(List.of(new Bar("chunk 0", 0, 10)))).isEmpty();
        }
    }
}
