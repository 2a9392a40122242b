package io.pocketid.core.config;

import io.pocketid.core.store.AppConfigStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The application settings in force, typed. With {@code UI_CONFIG_DISABLED} they come from the
 * environment (given at construction); otherwise the stored values over the defaults, re-read at
 * most every {@link #TTL}, so a change made on another instance applies within that time without a
 * database round trip per request.
 */
public final class AppConfigService {
  /** How long stored values are cached. */
  public static final Duration TTL = Duration.ofSeconds(10);

  private static final java.util.regex.Pattern ACCENT =
      java.util.regex.Pattern.compile(
          "default|#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})"
              + "|(?:rgba?|hsla?|oklch|oklab)\\([0-9a-z.,%/ +-]{1,60}\\)");

  private final boolean fromEnvironment;
  private final Map<AppConfigKey, String> environment;
  private final AppConfigStore store;
  private final Clock clock;
  private volatile Map<String, String> cached;
  private volatile long loadedAtMillis;

  /**
   * @param fromEnvironment {@code UI_CONFIG_DISABLED}: values come from {@code environment} only
   * @param environment the values read from the environment (ignored unless {@code
   *     fromEnvironment})
   */
  public AppConfigService(
      boolean fromEnvironment,
      Map<AppConfigKey, String> environment,
      AppConfigStore store,
      Clock clock) {
    this.fromEnvironment = fromEnvironment;
    this.environment =
        environment.isEmpty() ? Map.of() : new EnumMap<>(Objects.requireNonNull(environment));
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The value in force, the key's default when unset or empty. */
  public String get(AppConfigKey key) {
    String value = fromEnvironment ? environment.get(key) : stored().get(key.key());
    return value == null || value.isEmpty() ? key.defaultValue() : value;
  }

  /** A boolean setting read as Go reads it; an unreadable value counts as its default. */
  public boolean bool(AppConfigKey key) {
    return GoBool.parse(get(key))
        .orElseGet(() -> GoBool.parse(key.defaultValue()).orElse(Boolean.FALSE));
  }

  public String appName() {
    return get(AppConfigKey.APP_NAME);
  }

  /** {@code sessionDuration} in minutes (default 60; an unreadable or non-positive value too). */
  public Duration sessionDuration() {
    try {
      long minutes = Long.parseLong(get(AppConfigKey.SESSION_DURATION).trim());
      return Duration.ofMinutes(minutes > 0 ? minutes : 60);
    } catch (NumberFormatException e) {
      return Duration.ofMinutes(60);
    }
  }

  /**
   * The accent colour as CSS, or empty for the default; a stored value that is not a colour (edited
   * in the database) counts as the default, so it never reaches a page.
   */
  public Optional<String> accentColor() {
    String value = get(AppConfigKey.ACCENT_COLOR);
    return "default".equals(value) || !isAccentColor(value) ? Optional.empty() : Optional.of(value);
  }

  /** Whether {@code value} is {@code default} or a colour the pages accept (no other CSS). */
  public static boolean isAccentColor(String value) {
    return value != null && ACCENT.matcher(value).matches();
  }

  public boolean emailsVerified() {
    return bool(AppConfigKey.EMAILS_VERIFIED);
  }

  public boolean allowOwnAccountEdit() {
    return bool(AppConfigKey.ALLOW_OWN_ACCOUNT_EDIT);
  }

  public boolean requireUserEmail() {
    return bool(AppConfigKey.REQUIRE_USER_EMAIL);
  }

  /**
   * What a secret's value reads as: never the value itself (an update that sends it keeps the
   * value).
   */
  public static final String MASK = "XXXXXXXXXX";

  /** One setting as the API shows it. */
  public record Entry(String key, String type, String value, boolean isPublic) {}

  /** Whether the settings come from the environment ({@code UI_CONFIG_DISABLED}) and are fixed. */
  public boolean fromEnvironment() {
    return fromEnvironment;
  }

  /** The settings anyone may read, plus {@code uiConfigDisabled}. */
  public List<Entry> publicEntries() {
    List<Entry> out = new ArrayList<>();
    for (AppConfigKey key : AppConfigKey.values()) {
      if (key.isPublic()) {
        out.add(new Entry(key.key(), "", get(key), true));
      }
    }
    out.add(new Entry("uiConfigDisabled", "boolean", Boolean.toString(fromEnvironment), true));
    return out;
  }

  /** Every setting, secrets masked ({@link #MASK}) when set. */
  public List<Entry> allEntries() {
    List<Entry> out = new ArrayList<>();
    for (AppConfigKey key : AppConfigKey.values()) {
      String value = get(key);
      if (key.kind() == AppConfigKey.Kind.SECRET && !value.isEmpty()) {
        value = MASK;
      }
      out.add(new Entry(key.key(), "", value, key.isPublic()));
    }
    return out;
  }

  /**
   * Saves {@code values} and deletes {@code reset} (back to their defaults), then reads the store
   * again at the next call; checked by {@code AppConfigAdmin} beforehand.
   */
  public void replace(Map<String, String> values, List<String> reset) {
    store.saveAll(values);
    reset.forEach(store::delete);
    cached = null;
  }

  private Map<String, String> stored() {
    long now = clock.millis();
    Map<String, String> values = cached;
    if (values == null || now - loadedAtMillis > TTL.toMillis()) {
      values = store.loadAll();
      cached = values;
      loadedAtMillis = now;
    }
    return values;
  }
}
