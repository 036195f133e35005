package workshop.greeter;

import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.within;

import org.junit.jupiter.api.DisplayName;
import workshop.kit.Budgets;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.Step;

@DisplayName("The greeter")
@Step(1)
class GreeterTest {

    @CorrectnessCheck(points = 2)
    void greets_by_name() throws Exception {
        // WHEN Ada is greeted THEN the greeting names her
        assertThat(within(Budgets.GUARD, "greet(\"Ada\")", () -> Greeter.greet("Ada")))
                .withFailMessage("expected \"Hello, Ada!\"; return \"Hello, \" + name + \"!\"")
                .isEqualTo("Hello, Ada!");
    }
}
