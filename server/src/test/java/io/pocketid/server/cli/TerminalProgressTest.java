package io.pocketid.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-table progress bar of export and import. */
class TerminalProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void updateWhenOnATerminalThenTheBarIsRedrawnInPlaceAndEndsWithANewline() {
    TerminalProgress progress = new TerminalProgress(err, true);
    progress.update("audit_logs", 500, 2000);
    progress.update("audit_logs", 2000, 2000);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("\raudit_logs")
        .contains("[#######" + " ".repeat(23) + "] 500/2000")
        .contains("[" + "#".repeat(30) + "] 2000/2000\n");
  }

  @Test
  void updateWhenNotATerminalThenNothingIsPrinted() {
    new TerminalProgress(err, false).update("users", 1, 2);
    assertThat(bytes.size()).isZero();
  }
}
