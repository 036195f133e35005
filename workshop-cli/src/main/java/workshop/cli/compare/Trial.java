package workshop.cli.compare;

import java.util.List;
import java.util.concurrent.Callable;

/** One model running one workload once, checking its answers. */
@FunctionalInterface
interface Trial {

    /**
     * Runs the workload once and checks the answers.
     *
     * @return how to read the run's timeline, called once the clock has stopped (reading it may wait
     *         for the backends to finish their bookkeeping)
     * @throws WrongAnswer when the implementation answered, but not correctly
     * @throws Exception   whatever the implementation threw (a stub throws "Step N: ...")
     */
    Callable<List<Bar>> run(RunStart start) throws Exception;
}
