package workshop.kit.check;

import static workshop.kit.WorkshopAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A known-wrong solution read from its diff's preamble")
class MutantTest {

    @TempDir
    Path folder;

    Mutant read(String... preamble) throws IOException {
        Path patch = folder.resolve("no-http-timeout.patch");
        List<String> lines = new java.util.ArrayList<>(List.of(preamble));
        lines.addAll(List.of("--- a/workshop/sync/SyncDashboard.java", "+++ b/workshop/sync/SyncDashboard.java"));
        Files.write(patch, lines);
        return Mutant.read(patch);
    }

    @Test
    void its_description_first_message_and_checks_come_from_the_preamble() throws IOException {
        // WHEN
        Mutant mutant = read(
                "Calls the partner APIs without a request timeout.",
                "",
                "First message says: flights API |  still running after | | step 2 ",
                "",
                "Must fail:",
                "  workshop.sync.SyncDashboardTest$WhenAPartnerApiHangs#the_dashboard_gives_up",
                "");

        // THEN
        assertThat(mutant.name()).isEqualTo("no-http-timeout");
        assertThat(mutant.description()).isEqualTo("Calls the partner APIs without a request timeout.");
        assertThat(mutant.firstMessageSays()).containsExactly("flights API", "still running after", "step 2");
        assertThat(mutant.mustFail()).containsExactly("workshop.sync.SyncDashboardTest$WhenAPartnerApiHangs#the_dashboard_gives_up");
    }

    @Test
    void without_a_first_message_line_it_lists_no_phrase() throws IOException {
        // WHEN
        Mutant mutant = read("Swallows a database error.", "", "Must fail:", "  a.B#c");

        // THEN
        assertThat(mutant.firstMessageSays()).isEmpty();
        assertThat(mutant.mustFail()).containsExactly("a.B#c");
    }

    @Test
    void a_message_lacks_the_phrases_it_does_not_contain_whatever_their_case() {
        // WHEN
        List<String> missing = Mutant.missing(List.of("Flights API", "still running", "step 3"),
                "expected the dashboard to give up on the flights api, but it was STILL RUNNING (lesson, step 2)");

        // THEN
        assertThat(missing).containsExactly("step 3");
    }
}
