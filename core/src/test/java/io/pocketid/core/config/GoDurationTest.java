package io.pocketid.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void readsGoDurations() {
    assertThat(GoDuration.parse("15m")).contains(Duration.ofMinutes(15));
    assertThat(GoDuration.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5h")).contains(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("250ms")).contains(Duration.ofMillis(250));
  }

  @Test
  void refusesAnythingElse() {
    assertThat(GoDuration.parse("")).isEmpty();
    assertThat(GoDuration.parse("15")).isEmpty();
    assertThat(GoDuration.parse("-5m")).isEmpty();
    assertThat(GoDuration.parse("1d")).isEmpty();
    assertThat(GoDuration.parse(null)).isEmpty();
  }
}
