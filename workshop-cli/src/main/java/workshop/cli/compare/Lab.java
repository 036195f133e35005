package workshop.cli.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload with every model: each once to warm up on a small share of the work (which also
 * checks its answers), then in rounds, every model once per round, so that a busy spell of the
 * machine hits them alike.
 * A model that throws, answers wrongly or overruns its time limit is left out with the reason.
 */
final class Lab implements AutoCloseable {

    private final int warmUps;
    private final int runs;
    private final Duration limitPerRun;
    private final Meter meter = new Meter();
    private final ProgressBar progress;
    /** Interrupts a run that overstays; started before any measurement, so it is not counted as a run's thread. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "compare watchdog");
        thread.setDaemon(true);
        return thread;
    });

    Lab(int warmUps, int runs, Duration limitPerRun, ProgressBar progress) {
        if (runs < 1 || warmUps < 0) {
            throw new IllegalArgumentException("at least one run and no negative warm-up, got " + runs + " and " + warmUps);
        }
        this.warmUps = warmUps;
        this.runs = runs;
        this.limitPerRun = limitPerRun;
        this.progress = progress;
        watchdog.submit(() -> { }); // its thread starts now, outside every measurement
    }

    WorkloadResult run(Workload workload) throws InterruptedException {
        List<Contender> contenders = workload.contenders();
        Map<Model, String> leftOut = new EnumMap<>(Model.class);
        Map<Model, List<RunMeasurement>> measured = new LinkedHashMap<>();
        List<Contender> runnable = contenders.stream().filter(Contender::runnable).toList();
        progress.start(workload.name() + " workload", runnable.size() * (warmUps + runs));

        workload.warmingUp(true);
        try {
            for (Contender contender : runnable) {
                for (int warmUp = 1; warmUp <= warmUps && !leftOut.containsKey(contender.model()); warmUp++) {
                    progress.step(contender.model().label() + ", warm-up");
                    attempt(contender, workload).ifPresent(why -> leftOut.put(contender.model(), why));
                }
            }
        } finally {
            workload.warmingUp(false);
        }
        for (int round = 1; round <= runs; round++) {
            for (Contender contender : runnable) {
                if (leftOut.containsKey(contender.model())) {
                    continue;
                }
                progress.step(contender.model().label() + ", run " + round + " of " + runs);
                Optional<RunMeasurement> run = measure(contender, workload, leftOut);
                run.ifPresent(measurement -> measured.computeIfAbsent(contender.model(), model -> new ArrayList<>()).add(measurement));
            }
        }
        progress.finish("done");

        Map<Model, Summary> summaries = new EnumMap<>(Model.class);
        measured.forEach((model, list) -> {
            if (!leftOut.containsKey(model)) {
                summaries.put(model, Summary.of(list));
            }
        });
        List<ModelOutcome> outcomes = new ArrayList<>();
        for (Contender contender : contenders) {
            Model model = contender.model();
            String note = leftOut.getOrDefault(model, contender.note());
            outcomes.add(new ModelOutcome(model, summaries.containsKey(model) ? contender.source() : "",
                    Optional.ofNullable(summaries.get(model)), note));
        }
        return new WorkloadResult(workload.name(), workload.title(), workload.unit(), workload.barsPerRun(),
                workload.ideal(summaries), workload.idealMeaning(), outcomes);
    }

    /** A warm-up run: empty when it went well, otherwise why the model is left out. */
    private Optional<String> attempt(Contender contender, Workload workload) throws InterruptedException {
        Map<Model, String> leftOut = new EnumMap<>(Model.class);
        measure(contender, workload, leftOut);
        return Optional.ofNullable(leftOut.get(contender.model()));
    }

    private Optional<RunMeasurement> measure(Contender contender, Workload workload, Map<Model, String> leftOut)
            throws InterruptedException {
        Thread runner = Thread.currentThread();
        ScheduledFuture<?> alarm = watchdog.schedule(runner::interrupt, limitPerRun.toMillis(), TimeUnit.MILLISECONDS);
        try {
            RunMeasurement run = meter.measure(contender.trial());
            if (run.bars().size() != workload.barsPerRun()) {
                leftOut.put(contender.model(), "wrong number of " + workload.unit() + "s: expected " + workload.barsPerRun()
                        + ", the backends saw " + run.bars().size());
                return Optional.empty();
            }
            return Optional.of(run);
        } catch (WrongAnswer e) {
            leftOut.put(contender.model(), "wrong answer: " + e.getMessage());
        } catch (InterruptedException e) {
            if (!fired(alarm)) {
                throw e;   // the lab itself was interrupted
            }
            leftOut.put(contender.model(), overran());
        } catch (Exception | LinkageError e) {
            leftOut.put(contender.model(), fired(alarm) ? overran() : "throws " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
        } finally {
            alarm.cancel(false);
            Thread.interrupted();   // an alarm that fired just as the run ended is not meant for what comes next
        }
        return Optional.empty();
    }

    private static boolean fired(ScheduledFuture<?> alarm) {
        return alarm.isDone() && !alarm.isCancelled();
    }

    private String overran() {
        return "did not finish within " + limitPerRun.toSeconds() + " s";
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
