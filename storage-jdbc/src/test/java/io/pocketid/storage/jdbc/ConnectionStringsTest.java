package io.pocketid.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionStringsTest {
  private static final String SECRET = "s3cr%40t:pw";
  private static final String DECODED_SECRET = "s3cr@t:pw";

  private static void assertNoSecret(Throwable e) {
    assertThat(e.getMessage()).doesNotContain(DECODED_SECRET).doesNotContain("s3cr");
  }

  @Nested
  class Providers {
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"sqlite", "SQLite", " sqlite "})
    void parseWhenProviderIsSqliteOrMissingThenSqlite(String provider) {
      assertThat(ConnectionStrings.parse(provider, "data/x.db").dialect())
          .isEqualTo(Dialect.SQLITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "postgresql", "POSTGRES"})
    void parseWhenProviderIsPostgresOrPostgresqlThenPostgres(String provider) {
      assertThat(ConnectionStrings.parse(provider, "postgres://u@h/db").dialect())
          .isEqualTo(Dialect.POSTGRES);
    }

    @Test
    void parseWhenProviderUnknownThenIllegalArgumentNamingIt() {
      assertThatThrownBy(() -> ConnectionStrings.parse("mysql", "mysql://u:p@h/db"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown DB_PROVIDER 'mysql'")
          .hasMessageContaining("sqlite or postgres");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void parseWhenPostgresWithoutConnectionStringThenIllegalArgument(String cs) {
      assertThatThrownBy(() -> ConnectionStrings.parse("postgres", cs))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DB_CONNECTION_STRING is required");
    }
  }

  @Nested
  class Postgres {
    @Test
    void parseWhenPocketIdUrlThenJdbcUrlWithoutCredentialsAndSslmodePassedOn() {
      JdbcSettings s =
          ConnectionStrings.parse(
              "postgres", "postgres://pocketid:" + SECRET + "@db.example:6543/pid?sslmode=disable");
      assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/pid?sslmode=disable");
      assertThat(s.username()).isEqualTo("pocketid");
      assertThat(s.password()).isEqualTo(DECODED_SECRET);
      assertThat(s.toString()).doesNotContain(DECODED_SECRET).doesNotContain("s3cr");
    }

    @Test
    void parseWhenPostgresqlSchemeAndNoPortThenDefaultPort5432() {
      JdbcSettings s = ConnectionStrings.parse("postgresql", "postgresql://u:p@host/db");
      assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
    }

    @Test
    void parseWhenUserAndPasswordArePercentEncodedThenDecoded() {
      JdbcSettings s = ConnectionStrings.parse("postgres", "postgres://us%3Aer%40x:p%2Fw%3Fd@h/db");
      assertThat(s.username()).isEqualTo("us:er@x");
      assertThat(s.password()).isEqualTo("p/w?d");
      assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void parseWhenPasswordHasUnescapedSlashOrAtThenTheLastAtEndsTheUserInfo() {
      JdbcSettings s = ConnectionStrings.parse("postgres", "postgres://u:a/b@c@h:5433/db");
      assertThat(s.password()).isEqualTo("a/b@c");
      assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/db");
    }

    @Test
    void parseWhenNoUserInfoThenNoCredentials() {
      JdbcSettings s = ConnectionStrings.parse("postgres", "postgres://h/db");
      assertThat(s.username()).isNull();
      assertThat(s.password()).isNull();
    }

    @Test
    void parseWhenIpv6AndSeveralHostsThenKept() {
      assertThat(ConnectionStrings.parse("postgres", "postgres://u@[::1]:5433,h2/db").jdbcUrl())
          .isEqualTo("jdbc:postgresql://[::1]:5433,h2:5432/db");
    }

    @Test
    void parseWhenLibpqParametersThenTranslatedForTheJdbcDriver() {
      JdbcSettings s =
          ConnectionStrings.parse(
              "postgres",
              "postgres://u@h/db?sslmode=verify-full&connect_timeout=3&application_name=pocket id"
                  + "&search_path=pid&pool_max_conns=7&password="
                  + SECRET);
      assertThat(s.jdbcUrl())
          .isEqualTo(
              "jdbc:postgresql://h:5432/db?sslmode=verify-full&connectTimeout=3"
                  + "&ApplicationName=pocket+id&currentSchema=pid");
      assertThat(s.maxPoolSize()).isEqualTo(7);
      assertThat(s.connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(s.password()).isEqualTo(DECODED_SECRET);
      assertThat(s.toString()).doesNotContain("s3cr");
    }

    @Test
    void parseWhenJdbcUrlThenKeptAsIsButCredentialsTakenOut() {
      JdbcSettings s =
          ConnectionStrings.parse(
              "postgres", "jdbc:postgresql://h:5432/db?user=u&password=" + SECRET + "&ssl=true");
      assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ssl=true");
      assertThat(s.username()).isEqualTo("u");
      assertThat(s.password()).isEqualTo(DECODED_SECRET);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "mysql://u:s3cr@h/db | must start with postgres://",
          "postgres://u:s3cr@/db | names no host",
          "postgres://u:s3cr@h | names no database",
          "postgres://u:s3cr@h/ | names no database",
          "postgres://u:s3cr@h:port/db | port 'port' must be a number",
          "postgres://u:s3cr@h:99999/db | port '99999' must be a number",
          "postgres://u:s3cr@[::1/db | unclosed [",
          "postgres://u:s3cr@h/a/b | malformed database name",
          "postgres://u:s3cr@h/db?pool_max_conns=x | pool_max_conns 'x' must be a positive number",
          "postgres://u:s3cr%zz@h/db | password has a malformed %-escape",
          "postgres://u:s3cr@h%zz/db | malformed host 'h%zz'",
          "postgres://u:s3cr@h o/db | malformed host 'h o'",
          "jdbc:postgresql://u:s3cr@h/db | not before the host",
        })
    void parseWhenMalformedThenIllegalArgumentSayingWhatWithoutThePassword(
        String cs, String expected) {
      assertThatThrownBy(() -> ConnectionStrings.parse("postgres", cs))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(expected)
          .satisfies(ConnectionStringsTest::assertNoSecret);
    }
  }

  @Nested
  class Sqlite {
    @ParameterizedTest
    @NullAndEmptySource
    void parseWhenNoConnectionStringThenPocketIdDefaultPathWithDefaults(String cs) {
      assertThat(ConnectionStrings.parse("sqlite", cs).jdbcUrl())
          .isEqualTo(
              "jdbc:sqlite:data/pocket-id.db?busy_timeout=2500&journal_mode=WAL"
                  + "&synchronous=NORMAL&foreign_keys=true");
    }

    @Test
    void parseWhenPlainPathThenSqliteWithDefaults() {
      JdbcSettings s = ConnectionStrings.parse(null, "/var/lib/pocket-id/pocket-id.db");
      assertThat(s.jdbcUrl())
          .isEqualTo(
              "jdbc:sqlite:/var/lib/pocket-id/pocket-id.db?busy_timeout=2500&journal_mode=WAL"
                  + "&synchronous=NORMAL&foreign_keys=true");
      assertThat(s.username()).isNull();
      assertThat(s.password()).isNull();
    }

    @Test
    void parseWhenPocketIdFileUriWithPragmasThenTranslated() {
      JdbcSettings s =
          ConnectionStrings.parse(
              "sqlite",
              "file:data/pocket-id.db?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)"
                  + "&_txlock=immediate&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"
                  + "&_pragma=cache_size(-20000)&_pragma=temp_store(2)&_pragma=mmap_size(0)");
      assertThat(s.jdbcUrl())
          .isEqualTo(
              "jdbc:sqlite:data/pocket-id.db?busy_timeout=5000&journal_mode=WAL&synchronous=FULL"
                  + "&cache_size=-20000&temp_store=MEMORY&mmap_size=0&foreign_keys=true");
    }

    @Test
    void parseWhenLegacyMattnParametersThenTranslated() {
      assertThat(
              ConnectionStrings.parse(
                      "sqlite",
                      "file:x.db?_fk=1&_busy_timeout=100&_journal_mode=truncate&_sync=1&cache=shared"
                          + "&mode=rwc")
                  .jdbcUrl())
          .isEqualTo(
              "jdbc:sqlite:x.db?busy_timeout=100&journal_mode=TRUNCATE&synchronous=NORMAL"
                  + "&foreign_keys=true");
    }

    @Test
    void parseWhenAbsoluteFileUriThenAbsolutePath() {
      assertThat(ConnectionStrings.parse("sqlite", "file:///srv/p%20id.db").jdbcUrl())
          .startsWith("jdbc:sqlite:/srv/p id.db?");
      assertThat(ConnectionStrings.parse("sqlite", "file:/srv/pid.db").jdbcUrl())
          .startsWith("jdbc:sqlite:/srv/pid.db?");
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "file:x.db?_pragma=foreign_keys(0) | foreign_keys(0) is refused",
          "file:x.db?_pragma=foreign_keys(off) | foreign_keys(off) is refused",
          "file:x.db?_fk=false | foreign_keys(false) is refused",
          "file:x.db?_pragma=wal_autocheckpoint(10) | unknown pragma 'wal_autocheckpoint'",
          "file:x.db?_pragma=busy_timeout | must look like name(value)",
          "file:x.db?_pragma=busy_timeout(soon) | expected a whole number",
          "file:x.db?_pragma=journal_mode(sideways) | journal_mode(sideways)",
          "file:x.db?_pragma=journal_mode(OFF) | risks corrupting",
          "file:x.db?_pragma=synchronous(maybe) | synchronous(maybe)",
          "file:x.db?_txlock=later | _txlock 'later'",
          "file:x.db?_loc=auto | unknown parameter '_loc'",
          "file:x.db?mode=ro | read-only SQLite",
          "file:x.db?mode=memory | in-memory SQLite",
          ":memory: | in-memory SQLite",
          "file::memory:?cache=shared | in-memory SQLite",
          "file://host/x.db | with a host is not supported",
          "file:?_pragma=busy_timeout(1) | names no database file",
        })
    void parseWhenBadThenIllegalArgumentSayingWhat(String cs, String expected) {
      assertThatThrownBy(() -> ConnectionStrings.parse("sqlite", cs))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(expected);
    }
  }

  @Test
  void redactHidesUserInfoAndQueryPasswords() {
    assertThat(ConnectionStrings.redact("postgres://u:pw@h/db?password=x&sslpassword=y"))
        .isEqualTo("postgres://u:***@h/db?password=***&sslpassword=***");
  }
}
