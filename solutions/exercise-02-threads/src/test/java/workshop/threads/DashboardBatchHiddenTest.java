package workshop.threads;

import static workshop.kit.WorkshopAssertions.reworded;
import static workshop.kit.WorkshopAssertions.assertNeverMoreInFlightThan;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.failureWithin;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import workshop.kit.Budgets;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.kit.check.CorrectnessCheck;
import workshop.kit.check.OnStub;
import workshop.kit.check.Step;
import workshop.kit.check.TimingCheck;
import workshop.kit.partner.Behaviour;
import workshop.kit.partner.Rendezvous;
import workshop.trip.Backend;
import workshop.trip.BackendException;
import workshop.trip.Dashboard;

@DisplayName("The dashboards of many travellers at once (hidden checks)")
class DashboardBatchHiddenTest extends DashboardBatchFixture {

    static List<Integer> users(int first, int count) {
        return IntStream.range(first, first + count).boxed().toList();
    }


    static void assertNames(Throwable failure, Backend backend) {
        assertThat(failure)
                .withFailMessage(() -> "expected the batch to throw the BackendException naming the " + backend
                        + ", but it threw " + failure + ". The caller must see which backend failed, as the task"
                        + " threw it (lesson, step 2, and every step after it).")
                .isInstanceOfSatisfying(BackendException.class, thrown -> assertThat(thrown.backend()).isEqualTo(backend));
    }

    /** Travellers of the check of a thousand calls (four calls each): the lesson states the calls. */
    static final int TRAVELLERS_OF_A_THOUSAND_CALLS = 250;

    @Nested
    @Step(2)
    @DisplayName("on a fixed pool")
    class OnAFixedPool {

        @TimingCheck(points = 2)
        void a_pool_of_eight_runs_eight_calls_at_once_and_never_more() throws Exception {
            // GIVEN no call goes out before eight wait together
            trip.client().meetingOf(8);
            List<Integer> users = users(100, 10);

            // WHEN
            List<Dashboard> loaded = trip.together(new ObservedClient.Overlap(8, "ten dashboards on a pool of 8", "loadOnPool()",
                    "run the calls on a fixed pool of the number of threads asked for, every call handed to it before you"
                    + " wait for any result (lesson, step 2)"),
                    () -> batch.loadOnPool(users, 8));

            // THEN
            assertThat(loaded).isEqualTo(expected(users));
            assertNeverMoreInFlightThan(trip.client().probe(), 8,
                    "A pool of 8 threads runs at most 8 calls at once: run them on a fixed pool of the number of threads"
                    + " asked for (lesson, step 2).");
        }

        @CorrectnessCheck(points = 2, onStub = OnStub.PASSES)
        void no_pool_thread_is_left_running_once_it_returns() throws Exception {
            // GIVEN the platform threads alive before
            Set<Long> before = liveThreadIds();

            // WHEN
            within(Budgets.GUARD, "five dashboards on a pool of 3", () -> batch.loadOnPool(users(1, 5), 3));

            // THEN
            try {
                TripFixture.eventually("every thread started by loadOnPool() to have ended", Budgets.SETTLE, "",
                        () -> newThreadNames(before).isEmpty());
            } catch (AssertionError stillRunning) {
                throw new AssertionError("expected every thread started by loadOnPool() to have ended within "
                        + Budgets.describe(Budgets.SETTLE) + " of its return, but these still ran: " + newThreadNames(before)
                        + ". A pool keeps its threads until it is closed: close it before loadOnPool() returns, however it"
                        + " ends (lesson, step 2).");
            }
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void a_failing_call_is_thrown_with_its_backend() {
            // GIVEN
            trip.partners().on(Backend.HOTELS, Behaviour.answersAfter(Budgets.SHORT_LATENCY).withStatus(500));

            // WHEN
            Throwable failure = failureWithin(Budgets.GUARD, "six dashboards on a pool of 3 while the hotels API fails",
                    () -> batch.loadOnPool(users(1, 6), 3));

            // THEN
            assertNames(failure, Backend.HOTELS);
        }
    }

    @Nested
    @Step(3)
    @DisplayName("on virtual threads")
    class OnVirtualThreads {

        /** The latency of each of the thousand calls. */
        final Duration latency = Budgets.SHORT_LATENCY;

        /**
         * A thousand calls of one latency each: one after another they take 1,000 latencies, on a pool
         * of 8 threads 125, on the common pool of a 16-core machine about 67; all at once, one
         * latency and a little scheduling.
         */
        final Duration thousandCallsBudget = Budgets.times(4, latency).plus(Budgets.SLACK);

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void every_dashboard_arrives_in_the_order_of_the_users() throws Exception {
            // GIVEN
            List<Integer> users = List.of(40, 2, 17, 9, 33, 5, 21);

            // WHEN
            List<Dashboard> loaded = within(Budgets.GUARD, "seven dashboards on virtual threads",
                    () -> batch.loadOnVirtualThreads(users));

            // THEN
            assertThat(loaded).as("the dashboards of users " + users).isEqualTo(expected(users));
        }

        @CorrectnessCheck(points = 2)
        void every_call_runs_on_a_virtual_thread() throws Exception {
            // WHEN
            within(Budgets.GUARD, "twenty dashboards on virtual threads", () -> batch.loadOnVirtualThreads(users(1, 20)));

            // THEN
            List<ObservedClient.Call> notVirtual = trip.client().calls().stream().filter(call -> !call.virtual()).toList();
            assertThat(notVirtual)
                    .withFailMessage(() -> "expected every call on a virtual thread, but " + notVirtual.size() + " of "
                            + trip.client().calls().size() + " ran on platform threads, for example on "
                            + notVirtual.getFirst().thread() + ". "
                            + (notVirtual.getFirst().thread().contains("ForkJoinPool.commonPool")
                               ? "That thread is the common pool's: a handful of threads sized for computing, where"
                                 + " blocking calls wait in line. "
                               : "")
                            + "Give every call a virtual thread of its own (lesson, step 3).")
                    .isEmpty();
        }

        @TimingCheck(points = 2)
        void the_calls_of_a_hundred_travellers_are_in_flight_together() throws Exception {
            // GIVEN calls that answer at once without the network, and none goes out before a hundred
            // wait together: more than a pool sized by the cores would run
            ObservedClient meeting = new ObservedClient(new SleepingTripClient(Duration.ZERO)).meetingOf(100);
            DashboardBatch hundred = new DashboardBatch(meeting, stats);
            List<Integer> users = users(200, 100);

            // WHEN
            List<Dashboard> loaded;
            try {
                loaded = TripFixture.together(meeting, new ObservedClient.Overlap(100, "a hundred dashboards on virtual threads",
                        "loadOnVirtualThreads()", "give every call a virtual thread of its own: on a pool of a few threads,"
                        + " the common pool among them, the other calls wait in line (lesson, step 3)"),
                        meeting::mostTogether, () -> hundred.loadOnVirtualThreads(users));
            } finally {
                meeting.close();
            }

            // THEN
            assertThat(loaded).isEqualTo(expected(users));
        }

        @TimingCheck(points = 3)
        void a_thousand_blocking_calls_take_a_few_latencies_and_few_platform_threads() throws Exception {
            // GIVEN 250 travellers, 1,000 calls that each block for one latency (they sleep instead of
            // going over the network: this check measures how your code waits, not how fast this
            // machine runs HTTP; the checks above make real calls)
            ObservedClient sleeping = new ObservedClient(new SleepingTripClient(latency));
            DashboardBatch thousandCalls = new DashboardBatch(sleeping, stats);
            List<Integer> users = users(1, TRAVELLERS_OF_A_THOUSAND_CALLS);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long startedBefore = threads.getTotalStartedThreadCount();

            // WHEN
            Timed<List<Dashboard>> run;
            try {
                run = timedWithin(thousandCallsBudget, "250 dashboards (1,000 calls) on virtual threads",
                        () -> thousandCalls.loadOnVirtualThreads(users));
            } catch (AssertionError tooSlow) {
                throw reworded(tooSlow, "expected 1,000 calls of " + Budgets.describe(latency)
                        + " each to take at most " + Budgets.describe(thousandCallsBudget) + " on virtual threads, but"
                        + " they were still running then, with at most " + sleeping.probe().maxInFlight() + " in flight"
                        + " at once. Calls that wait in line, one after another or on a pool of a few threads, take"
                        + " minutes: give every call a virtual thread of its own.");
            }

            // THEN
            long started = threads.getTotalStartedThreadCount() - startedBefore;
            int fewThreads = Runtime.getRuntime().availableProcessors() + 16;
            assertThat(run.value()).isEqualTo(expected(users));
            assertTookAtLeast(run.took(), latency, "every call takes " + Budgets.describe(latency));
            assertThat(sleeping.probe().calls()).as("calls made").isEqualTo(1_000);
            assertThat(started)
                    .withFailMessage(() -> "expected at most " + fewThreads + " platform threads to start for 1,000 calls,"
                            + " but " + started + " started. A platform thread per call costs a megabyte of stack and"
                            + " a trip through the OS each: give every call a virtual thread instead (lesson, step 3).")
                    .isLessThanOrEqualTo(fewThreads);
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void a_failing_database_is_thrown_with_its_backend() {
            // GIVEN
            trip.profiles().failing();

            // WHEN
            Throwable failure = failureWithin(Budgets.GUARD, "five dashboards while the database fails",
                    () -> batch.loadOnVirtualThreads(users(1, 5)));

            // THEN
            assertNames(failure, Backend.PROFILE);
        }
    }

    @Nested
    @Step(4)
    @DisplayName("with its statistics")
    class WithItsStatistics {

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void every_call_made_on_virtual_threads_is_counted() throws Exception {
            // GIVEN calls that answer at once without the network
            DashboardBatch counted = new DashboardBatch(new SleepingTripClient(Duration.ZERO), stats);

            // WHEN
            within(Budgets.GUARD, "thirty dashboards on virtual threads", () -> counted.loadOnVirtualThreads(users(1, 30)));

            // THEN
            for (Backend backend : Backend.values()) {
                assertThat(stats.calls(backend))
                        .withFailMessage(() -> "expected 30 calls to the " + backend + " counted, but " + stats.calls(backend)
                                + " were. Record each call in the TripStats, and make TripStats lose no count (step 4).")
                        .isEqualTo(30);
            }
            assertThat(stats.total()).as("total()").isEqualTo(120);
        }
    }

    @Nested
    @Step(5)
    @DisplayName("when the partner APIs allow five calls at once")
    class WithAPartnerLimit {

        @TimingCheck(points = 3)
        void five_partner_calls_run_at_once_and_never_more() throws Exception {
            // GIVEN no partner call is answered before five wait together, and each is held a moment
            // so that a sixth one, if your code lets it go, is seen in flight with them
            Rendezvous five = Rendezvous.of(5);
            trip.partners().onAll(Behaviour.answersAfter(Budgets.SHORT_LATENCY).meetingAt(five));
            List<Integer> users = users(50, 10);

            // WHEN
            List<Dashboard> loaded = trip.together(new ObservedClient.Overlap(5, "ten dashboards with at most 5 partner calls at once",
                    "loadWithPartnerLimit()", "run many calls at once, each on a virtual thread, and let only 5 partner"
                    + " calls through at a time (lesson, step 5)"),
                    five, () -> batch.loadWithPartnerLimit(users, 5));

            // THEN
            assertThat(loaded).isEqualTo(expected(users));
            assertNeverMoreInFlightThan(trip.client().partnerProbe(), 5,
                    "The partner APIs allow 5 calls at once: let a partner call go only while fewer than 5 are out,"
                    + " however many threads wait to make one (lesson, step 5).");
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void every_dashboard_arrives_in_the_order_of_the_users() throws Exception {
            // GIVEN
            List<Integer> users = List.of(8, 61, 3, 27, 14, 90, 45, 6);

            // WHEN
            List<Dashboard> loaded = within(Budgets.GUARD, "eight dashboards with a partner limit of 2",
                    () -> batch.loadWithPartnerLimit(users, 2));

            // THEN
            assertThat(loaded).as("the dashboards of users " + users).isEqualTo(expected(users));
        }

        @CorrectnessCheck(points = 1, onStub = OnStub.PASSES)
        void a_failing_partner_call_is_thrown_with_its_backend() {
            // GIVEN
            trip.partners().on(Backend.WEATHER, Behaviour.answersAfter(Duration.ZERO).withStatus(502));

            // WHEN
            Throwable failure = failureWithin(Budgets.GUARD, "ten dashboards while the weather API fails",
                    () -> batch.loadWithPartnerLimit(users(1, 10), 2));

            // THEN
            assertNames(failure, Backend.WEATHER);
        }
    }

    /** Ids of the live platform threads. */
    static Set<Long> liveThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::threadId)
                .collect(Collectors.toSet());
    }

    /**
     * Names of live platform threads that were not alive in {@code before}, leaving out the JDK's
     * own (the virtual-thread scheduler starts its carriers and helpers on first use) and the test's.
     */
    static List<String> newThreadNames(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !before.contains(thread.threadId()))
                .filter(thread -> !thread.getClass().getName().equals("jdk.internal.misc.CarrierThread"))
                .map(Thread::getName)
                .filter(name -> !name.equals("workshop-guarded-call") && !name.startsWith("VirtualThread-")
                        && !name.endsWith("-delayScheduler") && !name.endsWith("Poller")
                        && !name.startsWith("ForkJoinPool.commonPool-"))
                .toList();
    }
}
