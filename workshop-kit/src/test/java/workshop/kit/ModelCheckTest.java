package workshop.kit;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.catchThrowable;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A model check")
class ModelCheckTest {

    /** A counter that reads, adds and writes in three steps. */
    public static final class PlainCounter {
        private int value;

        public void increment() {
            value++;
        }

        public int value() {
            return value;
        }
    }

    /** A counter that adds in one indivisible step. */
    public static final class AtomicCounter {
        private final AtomicInteger value = new AtomicInteger();

        public void increment() {
            value.incrementAndGet();
        }

        public int value() {
            return value.get();
        }
    }

    /** Two atomic counters that should move together, updated one after the other. */
    public static final class TwoCounters {
        private final AtomicInteger first = new AtomicInteger();
        private final AtomicInteger second = new AtomicInteger();

        public void incrementBoth() {
            first.incrementAndGet();
            second.incrementAndGet();
        }

        public String both() {
            return first.get() + " and " + second.get();
        }
    }

    @Test
    void shows_a_lost_update_in_one_sentence_of_reads_and_writes_above_the_interleaving() {
        // GIVEN two threads that each increment a plain counter once
        ModelCheck check = ModelCheck.of(PlainCounter.class, "two increment() calls at the same time")
                .thread("increment")
                .thread("increment")
                .after("value")
                .idea("the idea, with its place in the lesson");

        // WHEN
        Throwable failure = catchThrowable(check::assertNoInterleavingBreaksIt);

        // THEN the first line says what happened, the second the idea, then comes the model checker's interleaving
        assertThat(failure).isInstanceOf(AssertionError.class);
        String[] lines = failure.getMessage().split("\n");
        assertThat(lines[0]).matches("two increment\\(\\) calls at the same time, then value\\(\\) gave 1:"
                + " thread (\\d) read 0, thread (?!\\1)\\d wrote 1, thread \\1 wrote 1\\.");
        assertThat(lines[1]).isEqualTo("the idea, with its place in the lesson");
        assertThat(failure.getMessage()).contains("The following interleaving leads to the error").contains("increment()");
    }

    @Test
    void passes_a_counter_that_adds_in_one_indivisible_step() {
        // GIVEN two threads that each increment an atomic counter once
        ModelCheck check = ModelCheck.of(AtomicCounter.class, "two increment() calls at the same time")
                .thread("increment")
                .thread("increment")
                .after("value");

        // WHEN the model checker tries the interleavings, THEN none breaks it
        check.assertNoInterleavingBreaksIt();
    }

    @Test
    void shows_a_half_done_update_by_the_results_no_order_of_the_operations_gives() {
        // GIVEN one thread that moves two counters one after the other, another that reads both
        ModelCheck check = ModelCheck.of(TwoCounters.class, "incrementBoth() while another thread reads both")
                .thread("incrementBoth")
                .thread("both");

        // WHEN
        Throwable failure = catchThrowable(check::assertNoInterleavingBreaksIt);

        // THEN nothing was overwritten, so the sentence names the results that no order explains
        assertThat(failure).isInstanceOf(AssertionError.class);
        // (reading both between the two increments gives 1 and 0 or 0 and 1, by the order of the reads; never a state)
        assertThat(failure.getMessage().lines().findFirst().orElseThrow()).matches("incrementBoth\\(\\) while another thread"
                + " reads both, then thread 2's both\\(\\) gave (1 and 0|0 and 1), which no order of these operations run one at"
                + " a time gives\\.");
    }

    @Test
    void refuses_an_operation_the_class_does_not_have() {
        Throwable failure = catchThrowable(() -> ModelCheck.of(AtomicCounter.class, "a typo")
                .thread("increment").thread("incremnet").assertNoInterleavingBreaksIt());

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incremnet()");
    }

    @Test
    void this_jvm_started_with_the_options_every_test_jvm_gets() {
        // The same options reach surefire (the parent pom's argLine) and the kit's own forked JVMs.
        assertThat(ModelCheck.JVM_OPTIONS).contains("-XX:+EnableDynamicAgentLoading");
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(ModelCheck.JVM_OPTIONS);
    }
}
