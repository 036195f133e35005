package workshop.counter;

/** Adds. */
public final class Counter {

    private Counter() {
    }

    public static int add(int a, int b) {
        throw new UnsupportedOperationException("Step 1: add, see README, step 1");
    }
}
