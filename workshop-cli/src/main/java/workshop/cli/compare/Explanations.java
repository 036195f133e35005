package workshop.cli.compare;

/**
 * What to look for in each figure of the lab, and what it says about the workshop's question:
 * which model for IO-bound work, which for CPU-bound work, and how a server holds many clients. The page prints one under every table,
 * chart and timeline; the terminal prints the short one under each table.
 */
final class Explanations {

    /** The page's opening lines: the question every figure answers. */
    static final String QUESTION = "The workshop's question, measured: which model for IO-bound work, and which for CPU-bound"
            + " work? IO-bound work mostly waits, so the winner is the model that keeps many waits in flight on few threads."
            + " CPU-bound work never waits, so only running on several cores at once helps: threads or processes.";

    private Explanations() {
    }

    /** One line for the terminal, under the workload's table. */
    static String terminal(String workload) {
        if (isServer(workload)) {
            return "Look for: the pool answers in waves of its threads, so its p99 grows with the clients; virtual threads and"
                    + " the async handler take every request at once on few platform threads, and wait for the database's"
                    + " connections instead.";
        }
        return isIo(workload)
                ? "Look for: the same calls and little CPU for every model; the wall time falls with the waits overlapped"
                + " (virtual threads and CompletableFuture: all of them, on few threads)."
                : "Look for: the same CPU time for every model; only models that compute on several cores at once"
                + " (threads, worker processes) bring the wall time below it.";
    }

    static String table(String workload) {
        if (isServer(workload)) {
            return "Requests per second and the latencies are what the clients saw; answers counts every request of every measured"
                    + " run by its status. The pool serves as many requests at once as it has threads and queues the rest, so its"
                    + " p99 is nearly the whole run. Virtual threads and the async handler hold every request at once; the database's"
                    + " connections bound them. Peak threads counts the platform threads alive at once beyond those before the run:"
                    + " the handlers, the database threads, the HTTP server's own.";
        }
        return isIo(workload)
                ? "Compare wall time with CPU time: every model makes the same calls and spends little CPU, so the differences"
                + " in wall time are waiting. Threads counts the platform threads a model started: the pool holds one per call"
                + " in flight, virtual threads and CompletableFuture wait on almost none of their own."
                : "Compare wall time with CPU time: every model does the same arithmetic, so the CPU time stays about the same."
                + " Where the wall time is well below the CPU time, the work ran on several cores at once; where they are equal,"
                + " it ran on one.";
    }

    static String ratios(String workload) {
        if (isServer(workload)) {
            return "How many times the ideal each model took to answer every client (log scale). The ideal is every request's calls"
                    + " at once, the profile queries as many at a time as there are connections: with many clients the connection"
                    + " pool sets it, not the handlers. The pool pays for its waves; virtual threads and the async handler come close.";
        }
        return isIo(workload)
                ? "How many times the ideal each model took (log scale). For IO-bound work the ideal is every call waiting at"
                + " once; the models that get close overlap all the waits: virtual threads and CompletableFuture. Sequential"
                + " pays the sum of the latencies."
                : "How many times the ideal each model took (log scale). For CPU-bound work the ideal is the sequential time"
                + " shared by every core; only parallelism gets close: a pool of threads or worker processes. Virtual threads"
                + " do no better than the pool, and CompletableFuture on its default pool may do worse.";
    }

    static String timeline(String workload, Model model) {
        if (isServer(workload)) {
            return serverTimeline(model);
        }
        return isIo(workload) ? ioTimeline(model) : cpuTimeline(model);
    }

    private static String serverTimeline(Model model) {
        return switch (model) {
            case PLATFORM_POOL -> "Waves: a request per thread, the others queued until a thread is free. Each bar starts when its"
                    + " client sent the request, so the later waves draw longer bars: their wait in the queue is latency the"
                    + " clients feel.";
            case VIRTUAL_THREADS -> "Every request taken at once, a virtual thread each: the bars end in steps of the connection"
                    + " pool, as many queries at a time as there are connections, not in waves of threads.";
            case COMPLETABLE_FUTURE -> "Every request taken at once by one dispatcher thread; the partner calls wait on no thread,"
                    + " the queries on a small pool. The same picture as virtual threads, written as callbacks.";
            case SEQUENTIAL, WORKER_PROCESSES -> "The server workload does not run this model.";
        };
    }

    private static String ioTimeline(Model model) {
        return switch (model) {
            case SEQUENTIAL -> "Stairs: each call starts when the one before has answered, so the run takes the sum of all the"
                    + " latencies while the CPU idles. This is what blocking costs.";
            case PLATFORM_POOL -> "Wide steps: the pool overlaps as many calls as it has threads, each thread held for the whole"
                    + " of its wait. More waits at once would need more platform threads.";
            case VIRTUAL_THREADS -> "One column: every call waits at the same time, each on a virtual thread that lets go of its"
                    + " carrier while it waits. Threads for IO, without a platform thread per wait.";
            case COMPLETABLE_FUTURE -> "One column as well: every call is in flight at once and no thread waits for any of them;"
                    + " the answers are put together on one event loop thread. Tasks: many waits on few threads.";
            case WORKER_PROCESSES -> "Stairs again, as many side by side as there are processes: each worker JVM waits for one"
                    + " call at a time, so overlapping every wait would take a JVM per call. Processes buy isolation, not cheap waiting.";
        };
    }

    private static String cpuTimeline(Model model) {
        return switch (model) {
            case SEQUENTIAL -> "One chunk after another on one core while the other cores idle: the time the ideal divides by"
                    + " the cores.";
            case PLATFORM_POOL -> "Chunks side by side, as many at once as there are threads and free cores: Java threads compute"
                    + " in parallel.";
            case VIRTUAL_THREADS -> "The same picture as the pool: virtual threads run on one carrier thread per core, so they add"
                    + " no parallelism. Cheap waiting is their gift, and this work never waits.";
            case COMPLETABLE_FUTURE -> "supplyAsync without an executor runs on the common pool, which has one thread fewer than the"
                    + " cores: on two cores, one chunk at a time. Tasks organise work; they add no cores.";
            case WORKER_PROCESSES -> "Chunks side by side, each in a JVM of its own (its pid is on the bar): the parallelism threads"
                    + " get, plus a JVM start-up per chunk. Processes buy isolation, not speed.";
        };
    }

    private static boolean isIo(String workload) {
        return workload.equals("io");
    }

    private static boolean isServer(String workload) {
        return workload.equals(ServerWorkload.NAME);
    }
}
