package io.pocketid.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigAdminTest {
  private final InMemoryStorage storage = new InMemoryStorage();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));

  @Test
  void settingsFromTheEnvironmentCannotBeChanged() {
    Map<AppConfigKey, String> env = new EnumMap<>(AppConfigKey.class);
    env.put(AppConfigKey.APP_NAME, "From env");
    AppConfigAdmin admin =
        new AppConfigAdmin(new AppConfigService(true, env, storage.appConfig(), clock));

    assertThatThrownBy(() -> admin.update(Map.of("appName", "Other")))
        .isInstanceOf(ServiceException.class)
        .extracting(e -> ((ServiceException) e).error())
        .isEqualTo(ServiceError.FORBIDDEN);
    assertThat(storage.appConfig().loadAll()).isEmpty();
    assertThat(admin.publicEntries())
        .contains(new AppConfigService.Entry("uiConfigDisabled", "boolean", "true", true));
  }

  @Test
  void everyKindOfValueIsChecked() {
    AppConfigAdmin admin =
        new AppConfigAdmin(new AppConfigService(false, Map.of(), storage.appConfig(), clock));

    assertThatThrownBy(() -> admin.update(Map.of("emailsVerified", "yes")))
        .hasMessage("EmailsVerified must be true or false");
    assertThatThrownBy(() -> admin.update(Map.of("appName", "a\u0000b")))
        .hasMessageContaining("control or invisible");
    assertThatThrownBy(() -> admin.update(Map.of("signupDefaultUserGroupIDs", "g1")))
        .hasMessage("SignupDefaultUserGroupIDs must be a JSON array");

    assertThatThrownBy(() -> admin.update(Map.of("ldapUrl", "http://ldap.example")))
        .hasMessage("LdapUrl must be an ldap:// or ldaps:// URL");
    assertThatThrownBy(() -> admin.update(Map.of("smtpHost", "mail.example; rm")))
        .hasMessage("SmtpHost must be a host name or an IP address");
    assertThatThrownBy(() -> admin.update(Map.of("accentColor", "red; background:url(x)")))
        .hasMessageStartingWith("AccentColor must be \"default\", a hex colour");
    assertThat(storage.appConfig().loadAll()).isEmpty();

    admin.update(
        Map.of(
            "ldapUrl", "ldaps://ldap.example:636",
            "smtpHost", "mail.example",
            "accentColor", "oklch(0.6 0.2 290)"));
    admin.update(
        Map.of("emailsVerified", " true ", "smtpTls", "starttls", "smtpPassword", " pass word "));
    assertThat(storage.appConfig().loadAll())
        .containsEntry("emailsVerified", "true")
        .containsEntry("smtpTls", "starttls")
        .containsEntry("smtpPassword", " pass word ");
  }
}
