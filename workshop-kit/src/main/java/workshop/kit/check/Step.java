package workshop.kit.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The lesson step a check belongs to, on a test class or method (the method wins). The progress
 * report and {@code ./workshop hint} take that step's hints from the exercise's README.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Step {
    int value();
}
