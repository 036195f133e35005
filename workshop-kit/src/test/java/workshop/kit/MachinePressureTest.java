package workshop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The machine's pressure")
class MachinePressureTest {

    @Test
    @DisplayName("grows by about the time during which more threads wanted a core than there were cores")
    void grows_while_cores_are_oversubscribed() throws InterruptedException {
        assumeTrue(MachinePressure.now().isPresent(), "this machine does not report pressure stalls");
        // GIVEN a mark, and twice as many spinning threads as cores for half a second
        MachinePressure.Mark mark = MachinePressure.now().orElseThrow();
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            spinners.add(Thread.ofPlatform().daemon().start(() -> {
                while (spin.get()) {
                    Thread.onSpinWait();
                }
            }));
        }
        Thread.sleep(500);
        spin.set(false);
        for (Thread spinner : spinners) {
            spinner.join();
        }

        // WHEN the stall since the mark is read THEN it holds most of that half second
        assertThat(mark.stalledSince()).get().matches(stalled -> stalled.compareTo(Duration.ofMillis(250)) > 0,
                "more than 250 ms of the 500 ms during which some thread waited for a core");
    }
}
