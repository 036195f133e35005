package workshop.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("The dev container")
class DevContainerTest {

    private static final Path CONFIG = InstructorTree.ROOT.resolve(".devcontainer/devcontainer.json");

    @Test
    @DisplayName("is valid JSON naming an image with a JDK 21 or newer, the Java extension, and a command that warms the build")
    void names_a_jdk_21_image_and_warms_the_build() throws Exception {
        // GIVEN the dev container's configuration
        JsonNode config = JsonMapper.builder().build().readTree(Files.readString(CONFIG));

        // THEN its image carries a JDK of at least 21 (the Java image's tag names its version)
        String image = config.path("image").asString();
        Matcher version = Pattern.compile("/java:(?:\\d+-)?(\\d+)(?:-|$)").matcher(image);
        assertThat(version.find()).as("a Java image with its JDK version in the tag: " + image).isTrue();
        assertThat(Integer.parseInt(version.group(1))).as("the JDK of " + image).isGreaterThanOrEqualTo(21);
        // AND VS Code gets the Java extensions, and creation runs the workshop's own build through the wrapper
        assertThat(config.at("/customizations/vscode/extensions").toString()).contains("vscjava.vscode-java-pack");
        assertThat(config.path("postCreateCommand").asString()).startsWith("./mvnw ").contains(" test");
    }
}
