package workshop.greeter;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import workshop.kit.Budgets;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;

@DisplayName("The greeter, graded")
@Step(1)
class GreeterHiddenTest {

    @CorrectnessCheck(points = 3)
    void greets_everyone_in_order() throws Exception {
        // WHEN two people are greeted THEN each gets a greeting, in order
        assertThat(within(Budgets.GUARD, "greetAll", () -> Greeter.greetAll(List.of("Ada", "Alan"))))
                .withFailMessage("expected one greeting per name, in the names' order")
                .containsExactly("Hello, Ada!", "Hello, Alan!");
    }

    @TimingCheck(points = 1)
    void greets_at_once() throws Exception {
        // WHEN Ada is greeted THEN the answer comes well within a second
        timedWithin(Budgets.SLACK, "greet(\"Ada\")", () -> Greeter.greet("Ada"));
    }
}
