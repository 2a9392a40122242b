package io.pocketid.server.config;

import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.GoBool;
import io.pocketid.core.net.IpRange;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads Pocket ID's environment variables (reference §5.1) into {@link ServerSettings}. The
 * environment is passed in, so tests never touch the real one.
 *
 * <p>Every invalid value throws a {@link ConfigException} whose message names the variable and
 * never contains a secret.
 */
public final class EnvironmentConfig {
  public static final String DEFAULT_APP_URL = "http://localhost:1411";
  public static final int DEFAULT_PORT = 1411;
  public static final String DEFAULT_SQLITE_PATH = "data/pocket-id.db";

  private final Map<String, String> env;

  private EnvironmentConfig(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /**
   * @param env variable name to value (e.g. {@code System.getenv()})
   * @throws ConfigException for the first invalid value
   */
  public static ServerSettings load(Map<String, String> env) {
    return new EnvironmentConfig(env).load();
  }

  private ServerSettings load() {
    if (!get("UNIX_SOCKET").isEmpty()) {
      throw new ConfigException(
          "UNIX_SOCKET", "listening on a unix socket is not supported; use HOST and PORT");
    }
    LogSettings log =
        new LogSettings(
            logLevel(),
            bool("LOG_JSON", false),
            java.time.Duration.ofDays(positiveInt("AUDIT_LOG_RETENTION_DAYS", 90)));
    AppEnvironment appEnv = oneOf("APP_ENV", AppEnvironment.class, AppEnvironment.PRODUCTION);
    String appUrl = url("APP_URL", DEFAULT_APP_URL);
    HttpSettings http =
        new HttpSettings(
            appUrl,
            url("INTERNAL_APP_URL", appUrl),
            orDefault("HOST", "0.0.0.0"),
            port(),
            bool("TRUST_PROXY", false),
            HttpSettings.DEFAULT_MAX_REQUEST_BODY_BYTES,
            trustedProxies());
    PathSettings paths =
        new PathSettings(path("UPLOAD_PATH", "data/uploads"), path("KEYS_PATH", "data/keys"));
    KeySettings keys = keys();
    GeoSettings geo = geo();
    ObservabilitySettings observability =
        new ObservabilitySettings(
            bool("METRICS_ENABLED", false),
            bool("TRACING_ENABLED", false),
            bool("ANALYTICS_DISABLED", false));
    AppConfigSettings appConfig = appConfig();
    return new ServerSettings(
        appEnv, http, database(), paths, keys, geo, log, observability, appConfig);
  }

  private LogLevel logLevel() {
    return oneOf("LOG_LEVEL", LogLevel.class, LogLevel.INFO);
  }

  /** A whole number from 1 to 36500 (days), {@code fallback} when unset. */
  private int positiveInt(String name, int fallback) {
    String text = get(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 1 && value <= 36_500) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(name, quote(text) + " is not a whole number of days from 1 to 36500");
  }

  private int port() {
    String text = get("PORT");
    if (text.isEmpty()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("PORT", quote(text) + " is not a port number (1-65535)");
  }

  private DatabaseSettings database() {
    String provider = get("DB_PROVIDER").toLowerCase(Locale.ROOT);
    if (provider.isEmpty()) {
      provider = "sqlite";
    }
    if (!provider.equals("sqlite") && !provider.equals("postgres")) {
      throw new ConfigException(
          "DB_PROVIDER", quote(get("DB_PROVIDER")) + " must be sqlite or postgres");
    }
    Optional<String> fromFile =
        secretFile("DB_CONNECTION_STRING", true).map(EnvironmentConfig::utf8);
    String connection = fromFile.orElse(get("DB_CONNECTION_STRING"));
    String variable = fromFile.isPresent() ? "DB_CONNECTION_STRING_FILE" : "DB_CONNECTION_STRING";
    if (connection.isEmpty()) {
      if (provider.equals("postgres")) {
        throw new ConfigException(variable, "required when DB_PROVIDER=postgres");
      }
      connection = DEFAULT_SQLITE_PATH;
    }
    try {
      JdbcSettings jdbc = ConnectionStrings.parse(provider, connection);
      return new DatabaseSettings(jdbc);
    } catch (IllegalArgumentException e) {
      // ConnectionStrings promises messages without the password.
      throw new ConfigException(variable, e.getMessage());
    }
  }

  private KeySettings keys() {
    KeysStorage storage = oneOf("KEYS_STORAGE", KeysStorage.class, KeysStorage.FILE);
    byte[] key = secretFile("ENCRYPTION_KEY", false).orElse(null);
    if (key == null && !get("ENCRYPTION_KEY").isEmpty()) {
      key = get("ENCRYPTION_KEY").getBytes(StandardCharsets.UTF_8);
    }
    if (storage == KeysStorage.DATABASE && (key == null || key.length == 0)) {
      throw new ConfigException(
          "KEYS_STORAGE", "database requires ENCRYPTION_KEY or ENCRYPTION_KEY_FILE to be set");
    }
    return new KeySettings(storage, key);
  }

  private GeoSettings geo() {
    String licenseKey =
        secretFile("MAXMIND_LICENSE_KEY", true)
            .map(EnvironmentConfig::utf8)
            .orElse(get("MAXMIND_LICENSE_KEY"));
    return new GeoSettings(
        licenseKey.isEmpty() ? Optional.empty() : Optional.of(licenseKey),
        path("GEOLITE_DB_PATH", "data/GeoLite2-City.mmdb"),
        orDefault("GEOLITE_DB_URL", GeoSettings.DEFAULT_GEOLITE_DB_URL),
        ipv6Ranges());
  }

  private List<IpRange> trustedProxies() {
    return get("TRUSTED_PROXIES").isBlank()
        ? IpRange.PRIVATE_NETWORKS
        : ranges("TRUSTED_PROXIES", IpRange::parse, "an IP address or CIDR range");
  }

  private List<Ipv6Range> ipv6Ranges() {
    return ranges("LOCAL_IPV6_RANGES", Ipv6Range::parse, "an IPv6 CIDR range");
  }

  /** A comma-separated list of ranges; an entry that does not parse names the variable. */
  private <T> List<T> ranges(String name, Function<String, T> parse, String what) {
    List<T> ranges = new ArrayList<>();
    for (String part : get(name).split(",")) {
      String cidr = part.trim();
      if (cidr.isEmpty()) {
        continue;
      }
      try {
        ranges.add(parse.apply(cidr));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            name, quote(cidr) + " is not " + what + " (" + e.getMessage() + ")");
      }
    }
    return ranges;
  }

  private AppConfigSettings appConfig() {
    if (!bool("UI_CONFIG_DISABLED", false)) {
      return AppConfigSettings.editable();
    }
    Map<AppConfigKey, String> values = new EnumMap<>(AppConfigKey.class);
    for (AppConfigKey key : AppConfigKey.values()) {
      values.put(key, appConfigValue(key));
    }
    return new AppConfigSettings(true, values);
  }

  private String appConfigValue(AppConfigKey key) {
    String name = key.envName();
    if (key.kind() == AppConfigKey.Kind.SECRET) {
      Optional<String> fromFile = secretFile(name, true).map(EnvironmentConfig::utf8);
      if (fromFile.isPresent()) {
        return fromFile.get();
      }
      return get(name).isEmpty() ? key.defaultValue() : get(name);
    }
    String value = get(name);
    if (value.isEmpty()) {
      return key.defaultValue();
    }
    if (!key.allowed().isEmpty() && !key.allowed().contains(value)) {
      throw new ConfigException(
          name, quote(value) + " must be one of " + String.join(", ", key.allowed()));
    }
    if (key.kind() == AppConfigKey.Kind.BOOLEAN && GoBool.parse(value).isEmpty()) {
      throw new ConfigException(name, quote(value) + " is not a boolean (true or false)");
    }
    if (key.kind() == AppConfigKey.Kind.POSITIVE_INTEGER && !value.matches("[1-9][0-9]{0,8}")) {
      throw new ConfigException(name, quote(value) + " is not a positive whole number");
    }
    return value;
  }

  // --- primitives -------------------------------------------------------------------------------

  private String get(String name) {
    String value = env.get(name);
    return value == null ? "" : value;
  }

  private String orDefault(String name, String defaultValue) {
    String value = get(name);
    return value.isEmpty() ? defaultValue : value;
  }

  private boolean bool(String name, boolean defaultValue) {
    String value = get(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return GoBool.parse(value)
        .orElseThrow(
            () -> new ConfigException(name, quote(value) + " is not a boolean (true or false)"));
  }

  private <E extends Enum<E>> E oneOf(String name, Class<E> type, E defaultValue) {
    String value = get(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      if (constant == KeysStorage.MEMORY) {
        continue; // for embedders only, never from the environment
      }
      String lower = constant.name().toLowerCase(Locale.ROOT);
      if (lower.equals(value.toLowerCase(Locale.ROOT))) {
        return constant;
      }
      names.add(lower);
    }
    throw new ConfigException(name, quote(value) + " must be one of " + String.join(", ", names));
  }

  private Path path(String name, String defaultValue) {
    String value = orDefault(name, defaultValue);
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new ConfigException(name, quote(value) + " is not a valid path");
    }
  }

  private String url(String name, String defaultValue) {
    String raw = get(name);
    return raw.isEmpty() ? defaultValue : normalizeAppUrl(name, raw);
  }

  /**
   * Pocket ID's {@code APP_URL} rules: an http(s) URL with a host, scheme and host lower-cased,
   * trailing slashes trimmed; beyond Pocket ID, it may carry a path ({@code
   * https://example.com/auth}) when the server lives under a sub-path (behind a proxy that keeps
   * the path, or mounted in another application): segments of letters, digits and {@code - . _ ~},
   * no {@code .} or {@code ..}.
   *
   * @param name the variable or setting, for the message
   * @throws ConfigException when the URL breaks a rule
   */
  public static String normalizeAppUrl(String name, String raw) {
    String value = raw;
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(name, quote(raw) + " is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
      throw new ConfigException(name, quote(raw) + " must be an http(s) URL with a host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new ConfigException(name, "must not contain user info, a query or a fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!path.isEmpty() && !SUB_PATH.matcher(path).matches()) {
      throw new ConfigException(
          name,
          quote(raw)
              + " has a path that is not a plain sub-path (segments of letters, digits and - . _ ~)");
    }
    return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + path;
  }

  private static final java.util.regex.Pattern SUB_PATH =
      java.util.regex.Pattern.compile("(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._~-]+)+");

  /**
   * Reads {@code <name>_FILE} when set.
   *
   * @param trim whether surrounding whitespace is removed (everything but ENCRYPTION_KEY)
   */
  private Optional<byte[]> secretFile(String name, boolean trim) {
    String variable = name + "_FILE";
    String file = get(variable);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    byte[] content;
    try {
      content = Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(variable, "cannot read " + file + ": No such file");
    } catch (IOException | InvalidPathException | SecurityException e) {
      throw new ConfigException(variable, "cannot read " + file + ": " + reason(e));
    }
    if (!trim) {
      return Optional.of(content);
    }
    return Optional.of(utf8(content).strip().getBytes(StandardCharsets.UTF_8));
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String quote(String value) {
    String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
    return '"' + shown.replace("\"", "\\\"").replaceAll("\\p{Cntrl}", "?") + '"';
  }
}
