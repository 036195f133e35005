package workshop.cli.compare;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * An exercise's compiled classes, loaded in a class loader of their own, and the calls the lab
 * makes into them. The exercise's public API is called by name, so the lab compiles without any
 * exercise; what the code throws reaches the caller unwrapped, as if it had been called directly.
 */
record ExerciseCode(String exercise, ClassLoader loader) {

    Class<?> type(String className) throws ClassNotFoundException {
        return Class.forName(className, true, loader);
    }

    /** A new instance of {@code className} through its public constructor taking {@code types}. */
    Object construct(String className, Class<?>[] types, Object... args) throws Exception {
        try {
            return type(className).getConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw unwrapped(e);
        }
    }

    /** Calls the public method {@code name} taking {@code types} on {@code target}. */
    static Object call(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method method = target.getClass().getMethod(name, types);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw unwrapped(e);
        }
    }

    /** Calls the public static method {@code name} of {@code className} taking {@code types}. */
    Object callStatic(String className, String name, Class<?>[] types, Object... args) throws Exception {
        Method method = type(className).getMethod(name, types);
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw unwrapped(e);
        }
    }

    private static Exception unwrapped(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception exception ? exception : e;
    }
}
