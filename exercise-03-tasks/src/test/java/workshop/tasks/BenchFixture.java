package workshop.tasks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh {@link TaskBench} for every check, closed after it. Closing it in {@code @AfterEach} leaves
 * the workshop's guards, which run after it, only the threads the code under test left behind.
 */
abstract class BenchFixture {

    TaskBench bench;

    @BeforeEach
    void start_the_backends_and_the_loop() {
        bench = new TaskBench();
    }

    @AfterEach
    void stop_everything() throws Exception {
        bench.close();
    }
}
