package workshop.kit;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.catchThrowable;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The time budgets. {@link Budgets} reads {@code -Dworkshop.time.factor} once, when the class is
 * loaded, so the factor's parsing is tested on fresh copies of the class, each loaded by a class
 * loader of its own with the property set for that moment; the arithmetic is tested on the copy
 * this JVM uses, whatever factor the build passed.
 */
@DisplayName("The time budgets")
class BudgetsTest {

    static final String FACTOR_PROPERTY = "workshop.time.factor";

    /** The value of {@code name} in a fresh copy of {@link Budgets} loaded with the factor set to {@code factor}. */
    static Object freshBudget(String factor, String name) throws Exception {
        URL classes = Budgets.class.getProtectionDomain().getCodeSource().getLocation();
        String before = System.getProperty(FACTOR_PROPERTY);
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            if (factor == null) {
                System.clearProperty(FACTOR_PROPERTY);
            } else {
                System.setProperty(FACTOR_PROPERTY, factor);
            }
            Class<?> fresh = Class.forName(Budgets.class.getName(), true, isolated);
            assertThat(fresh).as("a fresh copy of Budgets").isNotSameAs(Budgets.class);
            return fresh.getField(name).get(null);
        } finally {
            if (before == null) {
                System.clearProperty(FACTOR_PROPERTY);
            } else {
                System.setProperty(FACTOR_PROPERTY, before);
            }
        }
    }

    @Nested
    @DisplayName("their factor, -Dworkshop.time.factor")
    class TheirFactor {

        @Test
        void is_1_when_the_property_is_not_set() throws Exception {
            assertThat(freshBudget(null, "FACTOR")).isEqualTo(1.0);
            assertThat(freshBudget(null, "LATENCY")).isEqualTo(Duration.ofMillis(200));
        }

        @Test
        void is_1_when_the_property_is_blank() throws Exception {
            assertThat(freshBudget(" ", "FACTOR")).isEqualTo(1.0);
        }

        @ParameterizedTest(name = "factor {0}: LATENCY {1} ms, SLACK {2} ms")
        @CsvSource({"1, 200, 1000", "2, 400, 2000", "2.5, 500, 2500", "10, 2000, 10000"})
        void scales_every_budget_alike(String factor, long latencyMillis, long slackMillis) throws Exception {
            assertThat(freshBudget(factor, "LATENCY")).isEqualTo(Duration.ofMillis(latencyMillis));
            assertThat(freshBudget(factor, "SLACK")).isEqualTo(Duration.ofMillis(slackMillis));
        }

        @ParameterizedTest(name = "\"{0}\" is refused")
        @ValueSource(strings = {"0.5", "0", "-2", "fast", "1,5"})
        void refuses_anything_but_a_number_of_at_least_1_and_says_what_to_use(String factor) {
            Throwable failure = catchThrowable(() -> freshBudget(factor, "FACTOR"));

            assertThat(failure)
                    .withFailMessage("expected loading Budgets with factor '%s' to fail, got %s", factor, failure)
                    .isInstanceOf(ExceptionInInitializerError.class);
            assertThat(failure.getCause())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dworkshop.time.factor=" + factor)
                    .hasMessageContaining("at least 1");
        }
    }

    @Nested
    @DisplayName("in this JVM")
    class InThisJvm {

        @Test
        void every_budget_is_its_base_value_scaled_by_the_factor() {
            assertThat(Budgets.FACTOR).isGreaterThanOrEqualTo(1.0);
            assertThat(Budgets.LATENCY).isEqualTo(Budgets.scaled(200));
            assertThat(Budgets.SHORT_LATENCY).isEqualTo(Budgets.scaled(50));
            assertThat(Budgets.CALL_TIMEOUT).isEqualTo(Budgets.scaled(1_000));
            assertThat(Budgets.SLACK).isEqualTo(Budgets.scaled(1_000));
            assertThat(Budgets.RENDEZVOUS_WAIT).isEqualTo(Budgets.scaled(5_000));
            assertThat(Budgets.SETTLE).isEqualTo(Budgets.scaled(2_000));
            assertThat(Budgets.GUARD).isEqualTo(Budgets.scaled(20_000));
        }

        @Test
        void delays_stay_well_apart_so_that_tests_can_tell_them_apart() {
            assertThat(Budgets.SHORT_LATENCY).isLessThan(Budgets.LATENCY);
            assertThat(Budgets.LATENCY.multipliedBy(3)).as("three latencies").isLessThan(Budgets.CALL_TIMEOUT);
            assertThat(Budgets.CALL_TIMEOUT).isLessThan(Budgets.RENDEZVOUS_WAIT);
            assertThat(Budgets.RENDEZVOUS_WAIT.plus(Budgets.SLACK)).isLessThan(Budgets.GUARD);
        }

        @Test
        void scaled_multiplies_milliseconds_by_the_factor() {
            assertThat(Budgets.scaled(0)).isEqualTo(Duration.ZERO);
            assertThat(Budgets.scaled(1_000).toNanos()).isEqualTo(Math.round(1_000_000_000L * Budgets.FACTOR));
            assertThat(Budgets.scaled(3).toNanos()).isEqualTo(Math.round(3_000_000L * Budgets.FACTOR));
        }

        @Test
        void times_is_the_sequential_sum() {
            assertThat(Budgets.times(4, Duration.ofMillis(250))).isEqualTo(Duration.ofSeconds(1));
            assertThat(Budgets.times(0, Budgets.LATENCY)).isEqualTo(Duration.ZERO);
            assertThat(Budgets.times(1_000, Budgets.LATENCY)).isEqualTo(Budgets.LATENCY.multipliedBy(1_000));
        }
    }

    @Nested
    @DisplayName("describe")
    class Describe {

        @ParameterizedTest(name = "{0} ms reads \"{1}\"")
        @CsvSource({"0, 0 ms", "50, 50 ms", "350, 350 ms", "999, 999 ms", "1000, 1.0 s", "1200, 1.2 s",
                "20000, 20.0 s", "125000, 125.0 s"})
        void reads_as_milliseconds_below_a_second_and_as_seconds_above(long millis, String expected) {
            assertThat(Budgets.describe(Duration.ofMillis(millis))).isEqualTo(expected);
        }

        @Test
        void drops_what_is_below_a_millisecond() {
            assertThat(Budgets.describe(Duration.ofNanos(1_999_999))).isEqualTo("1 ms");
        }
    }
}
