package io.pocketid.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigServiceTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();

  @Test
  void storedValuesOverDefaultsAreCachedForTheTtl() {
    AppConfigService config = new AppConfigService(false, Map.of(), storage.appConfig(), clock);
    assertThat(config.appName()).isEqualTo("Pocket ID");

    storage.appConfig().saveAll(Map.of("appName", "My ID", "sessionDuration", "120"));
    assertThat(config.appName()).as("cached").isEqualTo("Pocket ID");

    clock.advance(AppConfigService.TTL.plusSeconds(1));
    assertThat(config.appName()).isEqualTo("My ID");
    assertThat(config.sessionDuration()).isEqualTo(Duration.ofMinutes(120));
  }

  @Test
  void environmentValuesWinWhenUiConfigIsDisabled() {
    storage.appConfig().saveAll(Map.of("allowOwnAccountEdit", "true"));
    AppConfigService config =
        new AppConfigService(
            true,
            Map.of(AppConfigKey.ALLOW_OWN_ACCOUNT_EDIT, "false", AppConfigKey.APP_NAME, "Env"),
            storage.appConfig(),
            clock);

    assertThat(config.allowOwnAccountEdit()).isFalse();
    assertThat(config.appName()).isEqualTo("Env");
    assertThat(config.requireUserEmail()).as("default").isTrue();
  }

  @Test
  void unreadableValuesFallBackToTheirDefaults() {
    storage.appConfig().saveAll(Map.of("sessionDuration", "-5", "emailsVerified", "maybe"));
    AppConfigService config = new AppConfigService(false, Map.of(), storage.appConfig(), clock);

    assertThat(config.sessionDuration()).isEqualTo(Duration.ofMinutes(60));
    assertThat(config.emailsVerified()).isFalse();
  }
}
