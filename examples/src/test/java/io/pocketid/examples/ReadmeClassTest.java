package io.pocketid.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding class is this module's {@link EmbeddedServer}, character for character.
 */
class ReadmeClassTest {
  @Test
  void theReadmeShowsTheClassThatIsBuiltAndTested() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    String readme = Files.readString(module.resolve("../README.md"), StandardCharsets.UTF_8);
    String source =
        Files.readString(
            module.resolve("src/main/java/io/pocketid/examples/EmbeddedServer.java"),
            StandardCharsets.UTF_8);
    assertThat(readme).contains("```java\n" + source + "```");
  }
}
