package io.pocketid.core.service;

import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.config.GoBool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The administrator's side of the application settings: reading them all (secrets masked) and
 * changing them, each value checked against its key's rule before anything is saved.
 */
public final class AppConfigAdmin {
  private final AppConfigService config;

  public AppConfigAdmin(AppConfigService config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The settings anyone may read, plus {@code uiConfigDisabled}. */
  public List<AppConfigService.Entry> publicEntries() {
    return config.publicEntries();
  }

  /** Every setting, secrets masked. */
  public List<AppConfigService.Entry> allEntries() {
    return config.allEntries();
  }

  /**
   * Changes the settings named in {@code values} (others stay): an empty string restores the
   * default, a secret sent as {@link AppConfigService#MASK} keeps its value. Every value is checked
   * first; nothing is saved unless all are valid. Takes effect at once on this instance, within
   * {@link AppConfigService#TTL} on others.
   *
   * @throws ServiceException FORBIDDEN with {@code UI_CONFIG_DISABLED}; INVALID_INPUT naming every
   *     key with a problem
   */
  public void update(Map<String, String> values) {
    if (config.fromEnvironment()) {
      throw new ServiceException(
          ServiceError.FORBIDDEN,
          "The application configuration comes from the environment (UI_CONFIG_DISABLED)");
    }
    Map<String, String> save = new LinkedHashMap<>();
    List<String> reset = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> change : values.entrySet()) {
      Optional<AppConfigKey> key = AppConfigKey.byKey(change.getKey());
      String sent = change.getValue() == null ? "" : change.getValue();
      // A password is kept exactly as sent; other values lose surrounding blanks.
      String value =
          key.isPresent() && key.get().kind() == AppConfigKey.Kind.SECRET && !sent.isBlank()
              ? sent
              : sent.trim();
      if (key.isEmpty()) {
        problems.add(change.getKey() + " is not a setting");
      } else if (key.get().kind() == AppConfigKey.Kind.SECRET
          && AppConfigService.MASK.equals(value)) {
        continue;
      } else if (value.isEmpty()) {
        reset.add(key.get().key());
      } else {
        problem(key.get(), value)
            .ifPresentOrElse(problems::add, () -> save.put(key.get().key(), value));
      }
    }
    if (!problems.isEmpty()) {
      throw new ServiceException(ServiceError.INVALID_INPUT, String.join(", ", problems));
    }
    config.replace(save, reset);
  }

  private static boolean ldapUrl(String value) {
    try {
      java.net.URI uri = new java.net.URI(value);
      return ("ldap".equalsIgnoreCase(uri.getScheme()) || "ldaps".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** What is wrong with {@code value} for {@code key}, if anything. */
  static Optional<String> problem(AppConfigKey key, String value) {
    String name = Character.toUpperCase(key.key().charAt(0)) + key.key().substring(1);
    if (TextRules.hasControlOrInvisible(value)) {
      return Optional.of(name + " must not contain control or invisible characters");
    }
    if (!key.allowed().isEmpty() && !key.allowed().contains(value)) {
      return Optional.of(name + " must be one of " + String.join(", ", key.allowed()));
    }
    switch (key.kind()) {
      case BOOLEAN -> {
        if (GoBool.parse(value).isEmpty()) {
          return Optional.of(name + " must be true or false");
        }
      }
      case POSITIVE_INTEGER -> {
        if (!value.matches("[1-9][0-9]{0,8}")) {
          return Optional.of(name + " must be a whole number greater than 0");
        }
      }
      default -> {
        // checked below per key
      }
    }
    return switch (key) {
      case APP_NAME ->
          value.codePointCount(0, value.length()) > 30
              ? Optional.of(name + " must be at most 30 characters long")
              : Optional.empty();
      case SMTP_PORT ->
          value.matches("[0-9]{1,5}")
                  && Integer.parseInt(value) >= 1
                  && Integer.parseInt(value) <= 65535
              ? Optional.empty()
              : Optional.of(name + " must be a port number (1-65535)");
      case LDAP_URL ->
          ldapUrl(value)
              ? Optional.empty()
              : Optional.of(name + " must be an ldap:// or ldaps:// URL");
      case SMTP_HOST ->
          value.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")
              ? Optional.empty()
              : Optional.of(name + " must be a host name or an IP address");
      case SMTP_FROM ->
          UserInputRules.isEmail(value)
              ? Optional.empty()
              : Optional.of(name + " must be a valid email address");
      case ACCENT_COLOR ->
          AppConfigService.isAccentColor(value)
              ? Optional.empty()
              : Optional.of(
                  name
                      + " must be \"default\", a hex colour such as #1f4fd1, or rgb(), hsl(),"
                      + " oklch() or oklab()");
      case SIGNUP_DEFAULT_USER_GROUP_IDS, SIGNUP_DEFAULT_CUSTOM_CLAIMS ->
          value.startsWith("[") && value.endsWith("]")
              ? Optional.empty()
              : Optional.of(name + " must be a JSON array");
      default ->
          value.length() > 4096
              ? Optional.of(name + " must be at most 4096 characters long")
              : Optional.empty();
    };
  }
}
