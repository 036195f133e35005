package workshop.greeter;

import workshop.kit.check.CorrectnessCheck;

/** Hostile: the visible test class, replaced by one that passes without calling the code under test. */
class GreeterTest {

    @CorrectnessCheck(points = 2)
    void greets_by_name() {
    }
}
