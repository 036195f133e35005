package workshop.greeter;

import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.TimingCheck;

/** Hostile: a test class of the instructor's name that passes without calling the code under test. */
class GreeterHiddenTest {

    @CorrectnessCheck(points = 3)
    void greets_everyone_in_order() {
    }

    @TimingCheck(points = 1)
    void greets_at_once() {
    }
}
