package io.pocketid.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.config.AppConfigKey;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentConfigTest {
  @TempDir Path dir;

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Path file(String name, String content) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return path;
  }

  private static void assertFails(Map<String, String> env, String expectedMessage) {
    assertThatThrownBy(() -> EnvironmentConfig.load(env))
        .isInstanceOf(ConfigException.class)
        .hasMessage(expectedMessage);
  }

  @Nested
  class Defaults {
    @Test
    void loadWhenEnvironmentEmptyThenPocketIdDefaults() {
      ServerSettings settings = EnvironmentConfig.load(Map.of());

      assertThat(settings.appEnv()).isEqualTo(AppEnvironment.PRODUCTION);
      assertThat(settings.http().appUrl()).isEqualTo("http://localhost:1411");
      assertThat(settings.http().internalAppUrl()).isEqualTo("http://localhost:1411");
      assertThat(settings.http().host()).isEqualTo("0.0.0.0");
      assertThat(settings.http().port()).isEqualTo(1411);
      assertThat(settings.http().trustProxy()).isFalse();
      assertThat(settings.database().describe()).isEqualTo("sqlite data/pocket-id.db");
      assertThat(settings.database().sqliteFile()).contains(Path.of("data/pocket-id.db"));
      assertThat(settings.paths().uploadPath()).isEqualTo(Path.of("data/uploads"));
      assertThat(settings.paths().keysPath()).isEqualTo(Path.of("data/keys"));
      assertThat(settings.keys().storage()).isEqualTo(KeysStorage.FILE);
      assertThat(settings.keys().encryptionKey()).isEmpty();
      assertThat(settings.geo().maxmindLicenseKey()).isEmpty();
      assertThat(settings.geo().geoliteDbPath()).isEqualTo(Path.of("data/GeoLite2-City.mmdb"));
      assertThat(settings.geo().geoliteDbUrl()).isEqualTo(GeoSettings.DEFAULT_GEOLITE_DB_URL);
      assertThat(settings.geo().localIpv6Ranges()).isEmpty();
      assertThat(settings.log()).isEqualTo(new LogSettings(LogLevel.INFO, false));
      assertThat(settings.observability())
          .isEqualTo(new ObservabilitySettings(false, false, false));
      assertThat(settings.appConfig().uiConfigDisabled()).isFalse();
      assertThat(settings.appConfig().fromEnvironment()).isEmpty();
    }

    @Test
    void loadWhenEveryPlainVariableSetThenUsesThem() {
      ServerSettings settings =
          EnvironmentConfig.load(
              env(
                  "APP_ENV", "Development",
                  "HOST", "127.0.0.1",
                  "PORT", "8080",
                  "TRUST_PROXY", "T",
                  "UPLOAD_PATH", "/srv/up",
                  "KEYS_PATH", "/srv/keys",
                  "GEOLITE_DB_PATH", "/srv/geo.mmdb",
                  "GEOLITE_DB_URL", "https://mirror.example/%s",
                  "LOG_LEVEL", "DEBUG",
                  "LOG_JSON", "1",
                  "METRICS_ENABLED", "true",
                  "TRACING_ENABLED", "True",
                  "ANALYTICS_DISABLED", "TRUE"));

      assertThat(settings.appEnv()).isEqualTo(AppEnvironment.DEVELOPMENT);
      assertThat(settings.http().host()).isEqualTo("127.0.0.1");
      assertThat(settings.http().port()).isEqualTo(8080);
      assertThat(settings.http().trustProxy()).isTrue();
      assertThat(settings.paths())
          .isEqualTo(new PathSettings(Path.of("/srv/up"), Path.of("/srv/keys")));
      assertThat(settings.geo().geoliteDbPath()).isEqualTo(Path.of("/srv/geo.mmdb"));
      assertThat(settings.geo().geoliteDbUrl()).isEqualTo("https://mirror.example/%s");
      assertThat(settings.log()).isEqualTo(new LogSettings(LogLevel.DEBUG, true));
      assertThat(settings.observability()).isEqualTo(new ObservabilitySettings(true, true, true));
    }
  }

  @Nested
  class Urls {
    @Test
    void loadWhenAppUrlHasCapitalsAndTrailingSlashThenNormalised() {
      ServerSettings settings = EnvironmentConfig.load(env("APP_URL", "HTTPS://Id.Example.COM/"));

      assertThat(settings.http().appUrl()).isEqualTo("https://id.example.com");
      assertThat(settings.http().internalAppUrl()).isEqualTo("https://id.example.com");
    }

    @Test
    void loadWhenInternalAppUrlSetThenUsedSeparately() {
      ServerSettings settings =
          EnvironmentConfig.load(
              env(
                  "APP_URL",
                  "https://id.example.com",
                  "INTERNAL_APP_URL",
                  "http://pocket-id:1411"));

      assertThat(settings.http().internalAppUrl()).isEqualTo("http://pocket-id:1411");
    }

    @Test
    void loadWhenAppUrlHasASubPathThenKeepsItAsTypedAndLowerCasesSchemeAndHost() {
      ServerSettings settings = EnvironmentConfig.load(env("APP_URL", "HTTPS://Example.COM/Id/"));
      assertThat(settings.http().appUrl()).isEqualTo("https://example.com/Id");
    }

    @Test
    void loadWhenAppUrlPathIsNotAPlainSubPathThenFailsNamingIt() {
      for (String bad :
          new String[] {
            "https://example.com/a/../b", "https://example.com/a%2Fb", "https://example.com/./a"
          }) {
        assertFails(
            env("APP_URL", bad),
            "APP_URL: \""
                + bad
                + "\" has a path that is not a plain sub-path (segments of letters, digits and - . _ ~)");
      }
    }

    @Test
    void loadWhenAppUrlNotHttpThenFails() {
      assertFails(
          env("APP_URL", "example.com"),
          "APP_URL: \"example.com\" must be an http(s) URL with a host");
    }

    @Test
    void loadWhenInternalAppUrlHasPathThenFailsNamingIt() {
      assertThatThrownBy(() -> EnvironmentConfig.load(env("INTERNAL_APP_URL", "http://x/y/../z")))
          .hasMessageStartingWith("INTERNAL_APP_URL: ");
    }
  }

  @Nested
  class Numbers {
    @Test
    void loadWhenPortNotANumberThenFails() {
      assertFails(env("PORT", "abc"), "PORT: \"abc\" is not a port number (1-65535)");
    }

    @Test
    void loadWhenPortOutOfRangeThenFails() {
      assertFails(env("PORT", "0"), "PORT: \"0\" is not a port number (1-65535)");
      assertFails(env("PORT", "65536"), "PORT: \"65536\" is not a port number (1-65535)");
    }
  }

  @Nested
  class Booleans {
    @Test
    void loadWhenBooleanInGoSpellingsThenAccepted() {
      for (String yes : new String[] {"1", "t", "T", "TRUE", "true", "True"}) {
        assertThat(EnvironmentConfig.load(env("TRUST_PROXY", yes)).http().trustProxy()).isTrue();
      }
      for (String no : new String[] {"0", "f", "F", "FALSE", "false", "False"}) {
        assertThat(EnvironmentConfig.load(env("TRUST_PROXY", no)).http().trustProxy()).isFalse();
      }
    }

    @Test
    void auditRetentionIsReadInDaysAndRefusedWhenNotAPositiveNumber() {
      assertThat(
              EnvironmentConfig.load(env("AUDIT_LOG_RETENTION_DAYS", "30")).log().auditRetention())
          .isEqualTo(java.time.Duration.ofDays(30));
      assertFails(
          env("AUDIT_LOG_RETENTION_DAYS", "0"),
          "AUDIT_LOG_RETENTION_DAYS: \"0\" is not a whole number of days from 1 to 36500");
      assertFails(
          env("AUDIT_LOG_RETENTION_DAYS", "ninety"),
          "AUDIT_LOG_RETENTION_DAYS: \"ninety\" is not a whole number of days from 1 to 36500");
    }

    @Test
    void loadWhenBooleanNotGoSpellingThenFailsNamingVariable() {
      assertFails(env("LOG_JSON", "yes"), "LOG_JSON: \"yes\" is not a boolean (true or false)");
      assertFails(
          env("TRUST_PROXY", "tRuE"), "TRUST_PROXY: \"tRuE\" is not a boolean (true or false)");
    }
  }

  @Nested
  class Choices {
    @Test
    void loadWhenLogLevelUnknownThenFails() {
      assertFails(
          env("LOG_LEVEL", "verbose"),
          "LOG_LEVEL: \"verbose\" must be one of debug, info, warn, error");
    }

    @Test
    void loadWhenAppEnvUnknownThenFails() {
      assertFails(
          env("APP_ENV", "staging"),
          "APP_ENV: \"staging\" must be one of production, development, test");
    }

    @Test
    void loadWhenUnixSocketSetThenFailsAsUnsupported() {
      assertThatThrownBy(() -> EnvironmentConfig.load(env("UNIX_SOCKET", "/run/pocket-id.sock")))
          .hasMessageStartingWith("UNIX_SOCKET: ")
          .hasMessageContaining("not supported");
    }
  }

  @Nested
  class Database {
    @Test
    void loadWhenPostgresWithoutConnectionStringThenFails() {
      assertFails(
          env("DB_PROVIDER", "postgres"),
          "DB_CONNECTION_STRING: required when DB_PROVIDER=postgres");
    }

    @Test
    void loadWhenProviderUnknownThenFails() {
      assertFails(env("DB_PROVIDER", "mysql"), "DB_PROVIDER: \"mysql\" must be sqlite or postgres");
    }

    @Test
    void loadWhenSqlitePathGivenThenUsed() {
      ServerSettings settings =
          EnvironmentConfig.load(
              env("DB_CONNECTION_STRING", "file:/srv/db.sqlite?_pragma=busy_timeout(5000)"));

      assertThat(settings.database().sqliteFile()).contains(Path.of("/srv/db.sqlite"));
    }

    @Test
    void loadWhenPostgresStringInFileThenParsedWithoutPasswordInDescription() throws Exception {
      Path secret = file("db", "postgres://pocket:s3cr3t-pw@db.example:5432/pocketid\n");

      ServerSettings settings =
          EnvironmentConfig.load(
              env("DB_PROVIDER", "postgres", "DB_CONNECTION_STRING_FILE", secret.toString()));

      assertThat(settings.database().jdbc().password()).isEqualTo("s3cr3t-pw");
      assertThat(settings.database().describe())
          .isEqualTo("postgres db.example:5432/pocketid")
          .doesNotContain("s3cr3t-pw");
      assertThat(settings.toString()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void loadWhenConnectionStringInvalidThenFailsNamingItWithoutPassword() {
      assertThatThrownBy(
              () ->
                  EnvironmentConfig.load(
                      env(
                          "DB_PROVIDER",
                          "postgres",
                          "DB_CONNECTION_STRING",
                          "mysql://pocket:s3cr3t-pw@db.example/pocketid")))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("DB_CONNECTION_STRING: ")
          .message()
          .doesNotContain("s3cr3t-pw");
    }

    @Test
    void loadWhenConnectionStringFileMissingThenFails() {
      assertFails(
          env("DB_CONNECTION_STRING_FILE", "/nonexistent/db"),
          "DB_CONNECTION_STRING_FILE: cannot read /nonexistent/db: No such file");
    }
  }

  @Nested
  class Keys {
    @Test
    void loadWhenEncryptionKeyFileThenRawBytesNotTrimmed() throws Exception {
      Path key = file("key", " key-with-spaces-and-newline \n");

      ServerSettings settings = EnvironmentConfig.load(env("ENCRYPTION_KEY_FILE", key.toString()));

      assertThat(settings.keys().encryptionKey().orElseThrow())
          .isEqualTo(" key-with-spaces-and-newline \n".getBytes(StandardCharsets.UTF_8));
      assertThat(settings.toString()).doesNotContain("key-with-spaces");
    }

    @Test
    void loadWhenEncryptionKeySetThenUsed() {
      ServerSettings settings = EnvironmentConfig.load(env("ENCRYPTION_KEY", "0123456789abcdef"));

      assertThat(settings.keys().encryptionKey().orElseThrow())
          .isEqualTo("0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loadWhenEncryptionKeyFileMissingThenFails() {
      assertFails(
          env("ENCRYPTION_KEY_FILE", "/x"), "ENCRYPTION_KEY_FILE: cannot read /x: No such file");
    }

    @Test
    void loadWhenEncryptionKeyFileIsDirectoryThenFails() {
      assertThatThrownBy(() -> EnvironmentConfig.load(env("ENCRYPTION_KEY_FILE", dir.toString())))
          .hasMessageStartingWith("ENCRYPTION_KEY_FILE: cannot read " + dir);
    }

    @Test
    void loadWhenKeysInDatabaseWithoutEncryptionKeyThenFails() {
      assertFails(
          env("KEYS_STORAGE", "database"),
          "KEYS_STORAGE: database requires ENCRYPTION_KEY or ENCRYPTION_KEY_FILE to be set");
    }

    @Test
    void loadWhenKeysInDatabaseWithEncryptionKeyThenAccepted() {
      ServerSettings settings =
          EnvironmentConfig.load(
              env("KEYS_STORAGE", "database", "ENCRYPTION_KEY", "super-secret-key"));

      assertThat(settings.keys().storage()).isEqualTo(KeysStorage.DATABASE);
      assertThat(settings.toString()).doesNotContain("super-secret-key");
    }

    @Test
    void loadWhenKeysStorageUnknownThenFails() {
      assertFails(
          env("KEYS_STORAGE", "vault"), "KEYS_STORAGE: \"vault\" must be one of file, database");
    }
  }

  @Nested
  class Geo {
    @Test
    void loadWhenLicenseKeyFileThenTrimmedAndRedacted() throws Exception {
      Path key = file("maxmind", "lic-abc123\n");

      ServerSettings settings =
          EnvironmentConfig.load(env("MAXMIND_LICENSE_KEY_FILE", key.toString()));

      assertThat(settings.geo().maxmindLicenseKey()).contains("lic-abc123");
      assertThat(settings.toString()).doesNotContain("lic-abc123");
    }

    @Test
    void loadWhenLicenseKeySetThenUsed() {
      assertThat(
              EnvironmentConfig.load(env("MAXMIND_LICENSE_KEY", "lic-1")).geo().maxmindLicenseKey())
          .contains("lic-1");
    }

    @Test
    void loadWhenLicenseKeyFileMissingThenFails() {
      assertFails(
          env("MAXMIND_LICENSE_KEY_FILE", "/x"),
          "MAXMIND_LICENSE_KEY_FILE: cannot read /x: No such file");
    }

    @Test
    void loadWhenIpv6RangesValidThenParsed() throws Exception {
      ServerSettings settings =
          EnvironmentConfig.load(env("LOCAL_IPV6_RANGES", "fd00::/8, 2001:db8:abcd::1/48"));

      assertThat(settings.geo().localIpv6Ranges())
          .extracting(Ipv6Range::toString)
          .containsExactly("fd00:0:0:0:0:0:0:0/8", "2001:db8:abcd:0:0:0:0:0/48");
      assertThat(settings.geo().localIpv6Ranges().get(0).contains(InetAddress.getByName("fd12::1")))
          .isTrue();
      assertThat(settings.geo().localIpv6Ranges().get(0).contains(InetAddress.getByName("fe80::1")))
          .isFalse();
    }

    @Test
    void loadWhenIpv6RangeIsIpv4ThenFails() {
      assertThatThrownBy(() -> EnvironmentConfig.load(env("LOCAL_IPV6_RANGES", "10.0.0.0/8")))
          .hasMessageStartingWith("LOCAL_IPV6_RANGES: \"10.0.0.0/8\" is not an IPv6 CIDR range");
    }

    @Test
    void loadWhenIpv6PrefixTooLongOrHostnameThenFails() {
      assertThatThrownBy(() -> EnvironmentConfig.load(env("LOCAL_IPV6_RANGES", "fd00::/129")))
          .hasMessageStartingWith("LOCAL_IPV6_RANGES: \"fd00::/129\"");
      assertThatThrownBy(() -> EnvironmentConfig.load(env("LOCAL_IPV6_RANGES", "example.com/8")))
          .hasMessageStartingWith("LOCAL_IPV6_RANGES: \"example.com/8\"");
    }
  }

  @Nested
  class AppConfig {
    @Test
    void loadWhenUiConfigDisabledThenEveryKeyHasDefault() {
      AppConfigSettings appConfig =
          EnvironmentConfig.load(env("UI_CONFIG_DISABLED", "true")).appConfig();

      assertThat(appConfig.uiConfigDisabled()).isTrue();
      assertThat(appConfig.fromEnvironment()).hasSize(41);
      assertThat(appConfig.get(AppConfigKey.APP_NAME)).contains("Pocket ID");
      assertThat(appConfig.get(AppConfigKey.REQUIRE_USER_EMAIL)).contains("true");
      assertThat(appConfig.get(AppConfigKey.LDAP_USER_SEARCH_FILTER))
          .contains("(objectClass=person)");
      assertThatThrownBy(() -> appConfig.fromEnvironment().put(AppConfigKey.APP_NAME, "x"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void loadWhenUiConfigDisabledThenReadsScreamingSnakeCaseNames() throws Exception {
      Path smtp = file("smtp", "smtp-secret\n");
      Path ldap = file("ldap", "ldap-secret");

      AppConfigSettings appConfig =
          EnvironmentConfig.load(
                  env(
                      "UI_CONFIG_DISABLED", "1",
                      "APP_NAME", "My ID",
                      "SESSION_DURATION", "120",
                      "SIGNUP_DEFAULT_USER_GROUP_I_DS", "[\"g1\"]",
                      "EMAIL_ONE_TIME_ACCESS_AS_ADMIN_ENABLED", "true",
                      "SMTP_PASSWORD_FILE", smtp.toString(),
                      "LDAP_BIND_PASSWORD_FILE", ldap.toString()))
              .appConfig();

      assertThat(appConfig.get(AppConfigKey.APP_NAME)).contains("My ID");
      assertThat(appConfig.get(AppConfigKey.SESSION_DURATION)).contains("120");
      assertThat(appConfig.get(AppConfigKey.SIGNUP_DEFAULT_USER_GROUP_IDS)).contains("[\"g1\"]");
      assertThat(appConfig.get(AppConfigKey.EMAIL_ONE_TIME_ACCESS_AS_ADMIN_ENABLED))
          .contains("true");
      assertThat(appConfig.get(AppConfigKey.SMTP_PASSWORD)).contains("smtp-secret");
      assertThat(appConfig.get(AppConfigKey.LDAP_BIND_PASSWORD)).contains("ldap-secret");
      assertThat(appConfig.toString()).doesNotContain("smtp-secret").doesNotContain("ldap-secret");
    }

    @Test
    void envNameWhenKeyHasAcronymThenPocketIdQuirkKept() {
      assertThat(AppConfigKey.SIGNUP_DEFAULT_USER_GROUP_IDS.envName())
          .isEqualTo("SIGNUP_DEFAULT_USER_GROUP_I_DS");
      assertThat(AppConfigKey.LDAP_ATTRIBUTE_ADMIN_GROUP.envName())
          .isEqualTo("LDAP_ATTRIBUTE_ADMIN_GROUP");
      assertThat(AppConfigKey.SMTP_TLS.envName()).isEqualTo("SMTP_TLS");
    }

    @Test
    void loadWhenUiConfigEnabledThenAppConfigEnvIgnored() {
      AppConfigSettings appConfig = EnvironmentConfig.load(env("APP_NAME", "My ID")).appConfig();

      assertThat(appConfig.fromEnvironment()).isEmpty();
    }

    @Test
    void loadWhenAppConfigValueInvalidThenFailsNamingVariable() {
      assertFails(
          env("UI_CONFIG_DISABLED", "true", "REQUIRE_USER_EMAIL", "maybe"),
          "REQUIRE_USER_EMAIL: \"maybe\" is not a boolean (true or false)");
      assertFails(
          env("UI_CONFIG_DISABLED", "true", "SMTP_TLS", "ssl"),
          "SMTP_TLS: \"ssl\" must be one of none, starttls, tls");
      assertFails(
          env("UI_CONFIG_DISABLED", "true", "SESSION_DURATION", "-5"),
          "SESSION_DURATION: \"-5\" is not a positive whole number");
    }

    @Test
    void loadWhenSecretFileMissingThenFailsWithoutSecret() {
      assertFails(
          env("UI_CONFIG_DISABLED", "true", "SMTP_PASSWORD_FILE", "/x"),
          "SMTP_PASSWORD_FILE: cannot read /x: No such file");
    }
  }
}
