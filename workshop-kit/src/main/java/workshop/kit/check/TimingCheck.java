package workshop.kit.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A graded test of how the code spends time: overlap, limits, budgets. It judges by counts first
 * (calls in flight, rendezvous) and by scaled clocks last. Its points go to the timing column of
 * the gradebook. Graders run them in a JVM of their own, apart from the correctness checks.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@Tag("timing")
public @interface TimingCheck {

    /** Points this check is worth. */
    int points() default 1;

    /** What this check does against the exercise's stub; the instructor check holds it to this. */
    OnStub onStub() default OnStub.FAILS;

    /**
     * The check times CPU-bound work, which must run compiled as it would in production, so a grader
     * gives its JVM the full JIT. The other checks wait on latencies, and the quick compiler, which
     * costs the cores half as much, does for them.
     */
    boolean timesComputation() default false;
}
