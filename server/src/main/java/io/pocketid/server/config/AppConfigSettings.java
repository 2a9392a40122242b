package io.pocketid.server.config;

import io.pocketid.core.config.AppConfigKey;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code UI_CONFIG_DISABLED} and, when it is on, the application configuration read from the
 * environment (every key of {@link AppConfigKey}, defaults applied). When it is off the values live
 * in the database and {@link #fromEnvironment()} is empty.
 */
public final class AppConfigSettings {
  private final boolean uiConfigDisabled;
  private final Map<AppConfigKey, String> values;

  /**
   * @param uiConfigDisabled {@code UI_CONFIG_DISABLED}
   * @param values the values from the environment; must hold every key when {@code
   *     uiConfigDisabled}, and be empty otherwise
   */
  public AppConfigSettings(boolean uiConfigDisabled, Map<AppConfigKey, String> values) {
    this.uiConfigDisabled = uiConfigDisabled;
    EnumMap<AppConfigKey, String> copy = new EnumMap<>(AppConfigKey.class);
    copy.putAll(values);
    if (uiConfigDisabled && copy.size() != AppConfigKey.values().length) {
      throw new IllegalArgumentException("every app-config key needs a value");
    }
    if (!uiConfigDisabled && !copy.isEmpty()) {
      throw new IllegalArgumentException("app-config values only come from env when UI is off");
    }
    copy.values().forEach(v -> Objects.requireNonNull(v, "value"));
    this.values = Collections.unmodifiableMap(copy);
  }

  /** Configuration in the database, editable in the UI (the default). */
  public static AppConfigSettings editable() {
    return new AppConfigSettings(false, Map.of());
  }

  public boolean uiConfigDisabled() {
    return uiConfigDisabled;
  }

  /** The values from the environment (unmodifiable); empty unless the UI config is disabled. */
  public Map<AppConfigKey, String> fromEnvironment() {
    return values;
  }

  /** The environment's value of {@code key}, when the UI config is disabled. */
  public Optional<String> get(AppConfigKey key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppConfigSettings other
        && uiConfigDisabled == other.uiConfigDisabled
        && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(uiConfigDisabled) * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("AppConfigSettings[uiConfigDisabled=");
    text.append(uiConfigDisabled);
    values.forEach(
        (key, value) ->
            text.append(", ")
                .append(key.key())
                .append('=')
                .append(
                    key.kind() == AppConfigKey.Kind.SECRET && !value.isEmpty() ? "***" : value));
    return text.append(']').toString();
  }
}
