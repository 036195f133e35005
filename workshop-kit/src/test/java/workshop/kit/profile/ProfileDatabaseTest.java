package workshop.kit.profile;

import static org.awaitility.Awaitility.await;
import static workshop.kit.WorkshopAssertions.assertInFlightTogether;
import static workshop.kit.WorkshopAssertions.assertThat;
import static workshop.kit.WorkshopAssertions.assertTookAtLeast;
import static workshop.kit.WorkshopAssertions.assertTookAtMost;
import static workshop.kit.WorkshopAssertions.catchThrowable;
import static workshop.kit.WorkshopAssertions.timedWithin;
import static workshop.kit.WorkshopAssertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import workshop.kit.Budgets;
import workshop.kit.CallProbe;
import workshop.kit.TripData;
import workshop.kit.WorkshopAssertions.Timed;
import workshop.trip.Profile;

@DisplayName("The profile database")
class ProfileDatabaseTest {

    /** The JDBC query timeout the hanging tests set; JDBC counts it in whole seconds, so it cannot be scaled. */
    static final int QUERY_TIMEOUT_SECONDS = 1;

    /** How many queries the concurrency test runs at once. */
    static final int TOGETHER = 20;

    ProfileDatabase profiles;

    @BeforeEach
    void open_the_database() {
        profiles = ProfileDatabase.start();
    }

    @AfterEach
    void close_the_database() {
        profiles.close();
    }

    /** Runs {@link Profile#QUERY} for {@code user} on a fresh connection, as exercise code does. */
    Profile query(int user) throws SQLException {
        try (Connection connection = profiles.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(Profile.QUERY)) {
            return read(statement, user);
        }
    }

    static Profile read(PreparedStatement statement, int user) throws SQLException {
        statement.setInt(1, user);
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            return new Profile(user, row.getString("name"), row.getString("home_airport"));
        }
    }

    @Nested
    @DisplayName("when a profile is queried")
    class WhenAProfileIsQueried {

        @Test
        void it_returns_the_users_profile_from_the_trip_data() throws Exception {
            // GIVEN a quick database
            profiles.latency(Budgets.SHORT_LATENCY);

            for (int user : List.of(1, 7, 56, TripData.USERS)) {
                // WHEN the profile of a user is queried  THEN it is that user's profile
                assertThat(within(Budgets.GUARD, "the profile of user " + user, () -> query(user)))
                        .as("the profile of user %d", user)
                        .isEqualTo(TripData.profile(user));
            }
            // AND each query is one call, however many rows the table holds
            assertThat(profiles.probe().calls())
                    .withFailMessage("expected 4 queries to wait 4 times, but the probe saw %d waits:"
                            + " the latency is paid per row scanned, not per query", profiles.probe().calls())
                    .isEqualTo(4);
        }

        @Test
        void an_unknown_user_has_no_row() throws Exception {
            profiles.latency(Budgets.SHORT_LATENCY);

            assertThat(within(Budgets.GUARD, "the profile of an unknown user", () -> query(TripData.USERS + 1))).isNull();
        }

        @Test
        void it_takes_at_least_the_latency_the_test_set() throws Exception {
            // GIVEN a database answering after the latency
            profiles.latency(Budgets.LATENCY);

            // WHEN one profile is queried
            Timed<Profile> read = timedWithin(Budgets.GUARD, "one profile query", () -> query(3));

            // THEN it took at least the latency, and about that
            assertThat(read.value()).isEqualTo(TripData.profile(3));
            assertTookAtLeast(read.took(), Budgets.LATENCY, "the query waits the latency set by the test");
            assertTookAtMost(read.took(), Budgets.LATENCY.plus(Budgets.SLACK),
                    "one query should cost one latency: is the wait paid for more than one row?");
        }

        @Test
        void the_probe_records_the_thread_that_queried() throws Exception {
            // GIVEN a quick database
            profiles.latency(Budgets.SHORT_LATENCY);

            // WHEN one query runs on a named virtual thread and one on a named platform thread
            try (ExecutorService readers = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("profile-reader-virtual").factory())) {
                readers.submit(() -> query(1)).get();
            }
            Thread platform = Thread.ofPlatform().name("profile-reader-platform").unstarted(() -> {
                try {
                    query(2);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            platform.start();
            platform.join(Budgets.GUARD);

            // THEN each span names its thread
            List<CallProbe.Span> spans = profiles.probe().spans();
            assertThat(spans).extracting(CallProbe.Span::what).containsExactly("profile of user 1", "profile of user 2");
            assertThat(spans.get(0).thread()).contains("profile-reader-virtual").contains("VirtualThread");
            assertThat(spans.get(1).thread()).startsWith("Thread[#" + platform.threadId() + ",profile-reader-platform,");
            assertThat(spans).extracting(CallProbe.Span::outcome).containsOnly("answered");
        }
    }

    @Nested
    @DisplayName("when 20 profiles are queried at once")
    class WhenTwentyProfilesAreQueriedAtOnce {

        @Test
        void the_queries_overlap() throws Exception {
            // GIVEN a database answering after the latency, and 20 readers that start together
            profiles.latency(Budgets.LATENCY);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Profile>> reads = new ArrayList<>();

            // WHEN each reader queries one profile
            Timed<List<Profile>> run;
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int user = 1; user <= TOGETHER; user++) {
                    int reader = user;
                    reads.add(readers.submit(() -> {
                        go.await();
                        return query(reader);
                    }));
                }
                run = timedWithin(Budgets.GUARD, TOGETHER + " concurrent queries", () -> {
                    go.countDown();
                    List<Profile> read = new ArrayList<>();
                    for (Future<Profile> each : reads) {
                        read.add(each.get());
                    }
                    return read;
                });
            }

            // THEN each got its own profile, and the database ran them all at once
            for (int user = 1; user <= TOGETHER; user++) {
                assertThat(run.value().get(user - 1)).isEqualTo(TripData.profile(user));
            }
            assertInFlightTogether(profiles.probe(), TOGETHER,
                    "The database must serve concurrent queries concurrently: does the wait hold a lock that other sessions need?");
            assertTookAtMost(run.took(), Budgets.times(TOGETHER, Budgets.LATENCY).dividedBy(2),
                    TOGETHER + " overlapping queries should cost about one latency, not the sequential sum");
        }
    }

    @Nested
    @DisplayName("when the database is set to fail")
    class WhenTheDatabaseIsSetToFail {

        @Test
        void a_query_throws_an_SQLException_that_says_so() throws Exception {
            // GIVEN a failing database
            profiles.latency(Budgets.SHORT_LATENCY).failing();

            // WHEN a profile is queried
            Throwable failure = catchThrowable(() -> within(Budgets.GUARD, "a failing query", () -> query(7)));

            // THEN it fails with an SQLException naming the fault
            assertThat(failure)
                    .withFailMessage("expected an SQLException from a failing database, got %s", failure)
                    .isInstanceOf(SQLException.class);
            assertThat(failure.getMessage()).contains("disk I/O error");
            assertThat(profiles.probe().spans()).singleElement()
                    .satisfies(span -> assertThat(span.outcome()).contains("disk I/O error"));
        }

        @Test
        void latency_makes_it_answer_again() throws Exception {
            profiles.failing();

            profiles.latency(Budgets.SHORT_LATENCY);

            assertThat(within(Budgets.GUARD, "a query after the fault was cleared", () -> query(7))).isEqualTo(TripData.profile(7));
        }
    }

    @Nested
    @DisplayName("when the database hangs")
    class WhenTheDatabaseHangs {

        @Test
        void a_JDBC_query_timeout_ends_the_query_on_time() throws Exception {
            // GIVEN a hanging database, and a statement with a query timeout
            profiles.hanging();
            Duration timeout = Duration.ofSeconds(QUERY_TIMEOUT_SECONDS);

            // WHEN a profile is queried
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> within(timeout.plus(Budgets.GUARD), "a query with a timeout", () -> {
                try (Connection connection = profiles.dataSource().getConnection();
                     PreparedStatement statement = connection.prepareStatement(Profile.QUERY)) {
                    statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                    return read(statement, 7);
                }
            }));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // THEN the timeout really stopped it: a timeout exception, after the timeout and soon after
            assertThat(failure)
                    .withFailMessage("expected the query timeout to end the hanging query with an SQLTimeoutException, got %s."
                            + " The wait must check the session's cancel state between short slices", failure)
                    .isInstanceOf(SQLTimeoutException.class);
            assertTookAtLeast(took, timeout, "the query hangs until its timeout");
            assertTookAtMost(took, timeout.plus(Budgets.SLACK),
                    "the query timeout did not stop the query on time: the wait does not check for cancellation often enough");
            assertThat(profiles.probe().inFlight()).as("queries still waiting after the timeout").isZero();
        }

        @Test
        void cancelling_the_statement_from_another_thread_ends_the_query() throws Exception {
            // GIVEN a hanging database, and a query waiting in it
            profiles.hanging();
            try (Connection connection = profiles.dataSource().getConnection();
                 PreparedStatement statement = connection.prepareStatement(Profile.QUERY);
                 ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Profile> hanging = reader.submit(() -> read(statement, 7));
                try {
                    await("the query is waiting in the database").atMost(Budgets.SLACK)
                            .until(() -> profiles.probe().inFlight() == 1);

                    // WHEN the test thread cancels the statement
                    statement.cancel();

                    // THEN the query ends soon, with an SQLException
                    Throwable failure = catchThrowable(() -> within(Budgets.SLACK, "the cancelled query", hanging::get));
                    assertThat(failure)
                            .withFailMessage("expected Statement.cancel() to end the hanging query with an SQLException within %s,"
                                    + " but %s. H2 marks a cancelled statement on its command, which the session's"
                                    + " checkCanceled() does not see: the wait must check the command's cancel flag too",
                                    Budgets.describe(Budgets.SLACK),
                                    failure instanceof AssertionError ? "it was still running then" : "it ended with " + failure)
                            .isInstanceOf(java.util.concurrent.ExecutionException.class)
                            .hasCauseInstanceOf(SQLException.class);
                } finally {
                    profiles.close(); // ends the query if the cancel did not, so that the reader can be closed
                }
            }
        }

        @Test
        void closing_the_database_ends_the_query() throws Exception {
            // GIVEN a hanging database, and a query waiting in it
            profiles.hanging();
            try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Profile> hanging = reader.submit(() -> query(7));
                await("the query is waiting in the database").atMost(Budgets.SLACK)
                        .until(() -> profiles.probe().inFlight() == 1);

                // WHEN the database closes
                timedWithin(Budgets.SLACK, "closing the database while a query hangs", () -> {
                    profiles.close();
                    return null;
                });

                // THEN the query ends soon, with an SQLException
                Throwable failure = catchThrowable(() -> within(Budgets.SLACK, "the query after close()", hanging::get));
                assertThat(failure)
                        .withFailMessage("expected closing the database to end the hanging query with an SQLException, got %s",
                                failure)
                        .hasCauseInstanceOf(SQLException.class);
            }
        }
    }
}
