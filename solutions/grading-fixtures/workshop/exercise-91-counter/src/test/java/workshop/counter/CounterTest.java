package workshop.counter;

import static workshop.kit.WorkshopAssertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;

@DisplayName("The counter")
@Step(1)
class CounterTest {

    @CorrectnessCheck(points = 1)
    void adds_two_numbers() {
        // WHEN 2 and 3 are added THEN the sum is 5
        assertThat(Counter.add(2, 3)).withFailMessage("expected 2 + 3 = 5").isEqualTo(5);
    }
}
