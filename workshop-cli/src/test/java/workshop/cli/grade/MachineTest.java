package workshop.cli.grade;

import static org.assertj.core.api.Assertions.assertThat;

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

    private final Machine machine = new Machine();
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
}
