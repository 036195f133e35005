package workshop.kit.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A graded test of what the code computes: the right result, the right error, nothing left
 * behind. Its points go to the correctness column of the gradebook.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@Tag("correctness")
public @interface CorrectnessCheck {

    /** Points this check is worth. */
    int points() default 1;

    /** What this check does against the exercise's stub; the instructor check holds it to this. */
    OnStub onStub() default OnStub.FAILS;
}
