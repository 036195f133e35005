package workshop.cli.compare;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workshop.cli.workspace.AtomicFiles;
import workshop.cli.workspace.ExitCode;
import workshop.cli.workspace.WorkshopCommand;
import workshop.cli.workspace.WorkshopException;
import workshop.cli.workspace.Workspace;
import workshop.trip.Backend;

/**
 * {@code ./workshop compare}: the comparison lab. Runs an IO-bound workload (trip dashboards
 * against the test backends) and a CPU-bound one (the nightly fare forecast) with every model,
 * and reports wall time, CPU time, platform threads started, peak heap and the ratio to the ideal,
 * as medians, in a terminal table and an HTML page with a timeline per model. On request
 * ({@code --workload server} or {@code all}), a server workload too: many clients at once against
 * a dashboard server, with requests per second, latencies, answers by status and peak threads.
 *
 * <p>Whose code runs: the learner's, for every model whose steps' checks passed in the last
 * recorded test run of its exercise (and whose sources did not change since); for the others the
 * lab's own code stands in, marked as such with the reason, so every model shows from the start.
 * With {@code --reference} (instructor edition), the reference solutions.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The comparison lab: the same IO-bound and CPU-bound work run sequentially, on a pool of platform",
                "threads, on virtual threads, with CompletableFuture and with worker processes, measured side by side;",
                "with --workload server (or all), also a dashboard server under many clients at once.",
                "Uses your code where its checks pass (last ./mvnw test) and the lab's own code for the rest,",
                "or the reference solutions with --reference.",
                "Prints a table of medians and writes an HTML page with a timeline per model."})
public final class CompareCommand extends WorkshopCommand {

    /** Which workloads to run: {@code both} is IO and CPU, {@code all} adds the server. */
    enum Workloads {
        io, cpu, server, both, all;

        boolean io() {
            return this == io || this == both || this == all;
        }

        boolean cpu() {
            return this == cpu || this == both || this == all;
        }

        boolean server() {
            return this == server || this == all;
        }
    }

    /** Every backend's latency, unless --latency says otherwise. */
    private static final long IO_LATENCY_MILLIS = 200;
    private static final long SERVER_LATENCY_MILLIS = 50;

    @Option(names = "--reference", description = "run the reference solutions (instructor edition) instead of your code")
    boolean reference;

    @Option(names = "--workload", defaultValue = "both", paramLabel = "io|cpu|server|both|all",
            description = "which workload: both = io and cpu, all = io, cpu and server (default ${DEFAULT-VALUE})")
    Workloads workloads;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "measured runs per model; medians are reported (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warm-ups", defaultValue = "1", paramLabel = "N", description = "unmeasured runs per model first (default ${DEFAULT-VALUE})")
    int warmUps;

    @Option(names = "--dashboards", defaultValue = "25", paramLabel = "N", description = "IO: travellers, four calls each (default ${DEFAULT-VALUE})")
    int dashboards;

    @Option(names = "--clients", defaultValue = "200", paramLabel = "N",
            description = "server: clients at once, one request each (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--latency", paramLabel = "MS",
            description = "IO and server: every backend's latency in ms (default " + IO_LATENCY_MILLIS + " for io, " + SERVER_LATENCY_MILLIS
                    + " for server)")
    Long latencyMillis;

    @Option(names = "--backend-latency", paramLabel = "BACKEND=MS",
            description = "IO and server: one backend's latency, overriding --latency (profile, flights, hotels, weather); repeatable")
    Map<String, Long> backendLatencies = Map.of();

    @Option(names = "--pool", defaultValue = "8", paramLabel = "N",
            description = "IO and server: platform threads of the pool model (default ${DEFAULT-VALUE})")
    int pool;

    @Option(names = "--connections", defaultValue = "10", paramLabel = "N",
            description = "server: the database connection pool's size (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--routes", defaultValue = "400", paramLabel = "N", description = "CPU: routes in the nightly plan (default ${DEFAULT-VALUE})")
    int routes;

    @Option(names = "--chunks", defaultValue = "4", paramLabel = "N", description = "CPU: chunks the routes are split into (default ${DEFAULT-VALUE})")
    int chunks;

    @Option(names = "--scenarios", defaultValue = "6000", paramLabel = "N",
            description = "CPU: simulated years per route, the cost of a chunk (default ${DEFAULT-VALUE})")
    int scenarios;

    @Option(names = "--workers", paramLabel = "N", description = "worker processes (IO and CPU) and the CPU pool's threads (default: one per core)")
    Integer workers;

    @Option(names = "--run-limit", defaultValue = "120", paramLabel = "SECONDS",
            description = "a run that takes longer is stopped and its model left out (default ${DEFAULT-VALUE})")
    long runLimitSeconds;

    @Option(names = "--html", paramLabel = "FILE", description = "where to write the page (default: target/compare/index.html in the workshop folder)")
    Path html;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = Workspace.locate();
        PrintWriter out = out();
        PrintWriter err = err();
        IoWorkload.Settings io = ioSettings();
        CpuWorkload.Settings cpu = cpuSettings();
        ServerWorkload.Settings server = serverSettings();
        if (runs < 1 || warmUps < 0 || runLimitSeconds < 1) {
            throw new WorkshopException(ExitCode.USAGE, "--runs and --run-limit must be at least 1, --warm-ups at least 0.");
        }
        ProgressBar progress = new ProgressBar(err, System.console() != null);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        List<Implementations.Need> needs = new ArrayList<>();
        if (workloads.io()) {
            needs.addAll(IoWorkload.needs());
        }
        if (workloads.cpu()) {
            needs.addAll(CpuWorkload.needs());
        }
        if (workloads.server()) {
            needs.addAll(ServerWorkload.needs());
        }
        List<WorkloadResult> results = new ArrayList<>();
        try (Implementations implementations = Implementations.prepare(workspace, reference, needs, progress);
             Lab lab = new Lab(warmUps, runs, Duration.ofSeconds(runLimitSeconds), progress)) {
            if (workloads.io()) {
                try (IoWorkload workload = new IoWorkload(io, implementations)) {
                    results.add(lab.run(workload));
                }
            }
            if (workloads.cpu()) {
                try (CpuWorkload workload = new CpuWorkload(cpu, implementations)) {
                    results.add(lab.run(workload));
                }
            }
            if (workloads.server()) {
                try (ServerWorkload workload = new ServerWorkload(server, implementations)) {
                    results.add(lab.run(workload));
                }
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String context = context(loadBefore, loadAfter);
        StringWriter tables = new StringWriter();
        PrintWriter table = new PrintWriter(tables);
        for (WorkloadResult result : results) {
            ResultTable.print(result, runs, warmUps, table);
        }
        table.println(" " + context);
        table.flush();
        out.print(tables);
        if (!reference) {
            write(workspace.labTables(), tables.toString()); // for ./workshop status --report
        }
        Path page = html != null ? html.toAbsolutePath() : workspace.root().resolve("target/compare/index.html");
        write(page, ComparisonPage.render(results, context));
        out.println(" The page with a timeline per model: " + page);
        out.flush();
        return ExitCode.OK;
    }

    private IoWorkload.Settings ioSettings() {
        try {
            return new IoWorkload.Settings(dashboards, latencies(IO_LATENCY_MILLIS), pool, workerCount());
        } catch (IllegalArgumentException e) {
            throw new WorkshopException(ExitCode.USAGE, e.getMessage() + ".");
        }
    }

    private ServerWorkload.Settings serverSettings() {
        try {
            return new ServerWorkload.Settings(clients, latencies(SERVER_LATENCY_MILLIS), pool, connections);
        } catch (IllegalArgumentException e) {
            throw new WorkshopException(ExitCode.USAGE, e.getMessage() + ".");
        }
    }

    /** Every backend's latency: --latency, or the workload's own default, then each --backend-latency. */
    private Map<Backend, Duration> latencies(long defaultMillis) {
        Map<Backend, Duration> latencies = new EnumMap<>(Backend.class);
        for (Backend backend : Backend.values()) {
            latencies.put(backend, Duration.ofMillis(latencyMillis != null ? latencyMillis : defaultMillis));
        }
        backendLatencies.forEach((name, millis) -> latencies.put(backend(name), Duration.ofMillis(millis)));
        if (latencies.values().stream().anyMatch(latency -> latency.isNegative() || latency.isZero())) {
            throw new WorkshopException(ExitCode.USAGE, "every latency must be at least 1 ms.");
        }
        return latencies;
    }

    private CpuWorkload.Settings cpuSettings() {
        try {
            return new CpuWorkload.Settings(routes, chunks, scenarios, workerCount());
        } catch (IllegalArgumentException e) {
            throw new WorkshopException(ExitCode.USAGE, e.getMessage() + ".");
        }
    }

    private int workerCount() {
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }

    private static Backend backend(String name) {
        for (Backend backend : Backend.values()) {
            if (backend.id().equalsIgnoreCase(name.strip())) {
                return backend;
            }
        }
        throw new WorkshopException(ExitCode.USAGE, "--backend-latency: no backend called \"" + name + "\"; they are profile, flights, hotels, weather.");
    }

    private String context(double loadBefore, double loadAfter) {
        return String.format(Locale.ROOT, "%d cores, Java %s, %s code; load average %.2f before, %.2f after; %s UTC",
                Runtime.getRuntime().availableProcessors(), Runtime.version().feature(), reference ? "reference" : "your",
                loadBefore, loadAfter, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", ""));
    }

    /** Writes the file whole or not at all, with a temporary file of its own: two labs at once never mix. */
    private static void write(Path file, String content) {
        try {
            AtomicFiles.write(file, content);
        } catch (UncheckedIOException e) {
            throw new WorkshopException(ExitCode.ENVIRONMENT, "could not write " + file + ": " + e.getCause().getMessage() + ".", e);
        }
    }
}
