package io.pocketid.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.store.AppConfigStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

abstract class AppConfigContract extends ContractSupport {
  private AppConfigStore config() {
    return storage().appConfig();
  }

  @Test
  void loadAllWhenNothingSavedThenEmpty() {
    assertThat(config().loadAll()).isEmpty();
  }

  @Test
  void saveAllInsertsAndReplacesOnlyTheGivenKeys() {
    config().saveAll(Map.of("appName", "Pocket ID", "sessionDuration", "60"));
    config().saveAll(Map.of("sessionDuration", "120", "emailsVerified", "true"));
    assertThat(config().loadAll())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("appName", "Pocket ID", "sessionDuration", "120", "emailsVerified", "true"));
  }

  @Test
  void valuesAreKeptVerbatim() {
    Map<String, String> values =
        Map.of(
            "json", "{\"a\":[1,2],\"b\":null}",
            "spaces", "  leading and trailing  ",
            "unicode", "Gr\u00fc\u00dfe \u2713",
            "multiline", "line1\nline2\r\nline3");
    config().saveAll(values);
    assertThat(config().loadAll()).containsExactlyInAnyOrderEntriesOf(values);
  }

  @Test
  void loadAllIsUnmodifiable() {
    config().saveAll(Map.of("k", "v"));
    Map<String, String> all = config().loadAll();
    assertThatThrownBy(() -> all.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void deleteReturnsWhetherAKeyWasDeleted() {
    config().saveAll(Map.of("a", "1", "b", "2"));
    assertThat(config().delete("a")).isTrue();
    assertThat(config().delete("a")).isFalse();
    assertThat(config().loadAll()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2"));
  }
}
