package workshop.cli.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("The machine shared by grading runs")
@Timeout(20)
class MachineTest {

    /** Longer than any pause below: a lone run that waits less than this never holds a sharer back. */
    private final Machine machine = new Machine(Duration.ofMinutes(10));
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop_the_threads() {
        threads.shutdownNow();
    }

    @Test
    void a_run_alone_waits_until_no_run_shares_the_machine_and_does_not_hold_back_new_sharers() throws Exception {
        // GIVEN a run that shares the machine
        Machine.Permit first = machine.share();

        // WHEN a run asks for the machine alone
        CompletableFuture<Machine.Permit> lone = CompletableFuture.supplyAsync(machine::alone, threads);

        // THEN it waits, and another run may still share meanwhile
        Machine.Permit second = CompletableFuture.supplyAsync(machine::share, threads).get(5, TimeUnit.SECONDS);
        first.close();
        Thread.sleep(100);
        assertThat(lone).as("the lone run, while one run still shares").isNotDone();

        // AND it goes once the last sharer is done
        second.close();
        Machine.Permit alone = lone.get(5, TimeUnit.SECONDS);

        // AND while it runs, a run that wants to share waits for it
        CompletableFuture<Machine.Permit> third = CompletableFuture.supplyAsync(machine::share, threads);
        Thread.sleep(100);
        assertThat(third).as("a sharer while a run is alone").isNotDone();
        alone.close();
        third.get(5, TimeUnit.SECONDS).close();
    }

    @Test
    void once_a_run_has_waited_its_patience_new_sharers_wait_until_every_waiting_lone_run_has_run() throws Exception {
        // GIVEN a machine whose lone runs wait at most 200 ms before sharers make way, and a run sharing it
        Machine patient = new Machine(Duration.ofMillis(200));
        Machine.Permit shared = patient.share();

        // WHEN two runs ask for the machine alone and wait past their patience
        CompletableFuture<Machine.Permit> lone = CompletableFuture.supplyAsync(patient::alone, threads);
        CompletableFuture<Machine.Permit> otherLone = CompletableFuture.supplyAsync(patient::alone, threads);
        Thread.sleep(400);

        // THEN a new sharer waits, while the lone runs wait for the sharer in progress
        CompletableFuture<Machine.Permit> late = CompletableFuture.supplyAsync(patient::share, threads);
        Thread.sleep(100);
        assertThat(late).as("a sharer after the lone runs' patience").isNotDone();
        assertThat(lone).as("a lone run while a run shares").isNotDone();

        // AND when that sharer ends, the lone runs go one after the other, before the late sharer
        shared.close();
        Machine.Permit first = CompletableFuture.anyOf(lone, otherLone).thenApply(Machine.Permit.class::cast).get(5, TimeUnit.SECONDS);
        first.close();
        Machine.Permit second = (lone.getNow(null) == first ? otherLone : lone).get(5, TimeUnit.SECONDS);
        assertThat(late).as("the late sharer while the second lone run is alone").isNotDone();
        second.close();
        late.get(5, TimeUnit.SECONDS).close();
    }
}
