package workshop.cli.compare;

/** The ways the lab runs a workload, in the order the workshop teaches them. */
enum Model {
    SEQUENTIAL("sequential"),
    PLATFORM_POOL("platform threads (pool)"),
    VIRTUAL_THREADS("virtual threads"),
    COMPLETABLE_FUTURE("CompletableFuture"),
    WORKER_PROCESSES("worker processes");

    private final String label;

    Model(String label) {
        this.label = label;
    }

    /** How the table and the page name it. */
    String label() {
        return label;
    }

    /** A name for HTML attributes, for example {@code virtual-threads}. */
    String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
