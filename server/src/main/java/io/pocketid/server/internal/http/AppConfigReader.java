package io.pocketid.server.internal.http;

import io.pocketid.core.store.Storage;
import io.pocketid.server.config.AppConfigKey;
import io.pocketid.server.config.AppConfigSettings;
import io.pocketid.server.config.GoBool;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The application settings in force: from the environment when UI_CONFIG_DISABLED, else the stored
 * values over the defaults. Stored values are re-read at most every 10 s, so a change made on
 * another instance applies within that time without a database round trip per request.
 */
public final class AppConfigReader {
  private static final long TTL_MILLIS = 10_000;

  private final AppConfigSettings settings;
  private final Storage storage;
  private final Clock clock;
  private volatile Map<String, String> cached;
  private volatile long loadedAtMillis;

  public AppConfigReader(AppConfigSettings settings, Storage storage, Clock clock) {
    this.settings = settings;
    this.storage = storage;
    this.clock = clock;
  }

  public String get(AppConfigKey key) {
    if (settings.uiConfigDisabled()) {
      return settings.get(key).orElse(key.defaultValue());
    }
    String value = stored().get(key.key());
    return value == null || value.isEmpty() ? key.defaultValue() : value;
  }

  public boolean bool(AppConfigKey key) {
    return GoBool.parse(get(key))
        .orElseGet(() -> GoBool.parse(key.defaultValue()).orElse(Boolean.FALSE));
  }

  public String appName() {
    return get(AppConfigKey.APP_NAME);
  }

  /** {@code sessionDuration} in minutes (default 60). */
  public Duration sessionDuration() {
    try {
      long minutes = Long.parseLong(get(AppConfigKey.SESSION_DURATION).trim());
      return Duration.ofMinutes(minutes > 0 ? minutes : 60);
    } catch (NumberFormatException e) {
      return Duration.ofMinutes(60);
    }
  }

  private Map<String, String> stored() {
    long now = clock.millis();
    Map<String, String> values = cached;
    if (values == null || now - loadedAtMillis > TTL_MILLIS) {
      values = storage.appConfig().loadAll();
      cached = values;
      loadedAtMillis = now;
    }
    return values;
  }
}
