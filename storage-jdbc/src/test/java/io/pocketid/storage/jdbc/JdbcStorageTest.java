package io.pocketid.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.LoginCode;
import io.pocketid.core.model.SignupToken;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.StorageException;
import io.pocketid.core.store.contract.Fixtures;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStorageTest {
  @Nested
  class OnSqlite {
    @TempDir Path dir;

    JdbcSettings settings(Path file) {
      return ConnectionStrings.parse("sqlite", file.toString());
    }

    @Test
    void migratingANewDatabaseLogsNothingThroughJavaUtilLogging() {
      java.util.List<String> records = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.logging.Handler recorder =
          new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
              records.add(record.getLoggerName() + ": " + record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
      java.util.logging.Level before = root.getLevel();
      root.addHandler(recorder);
      root.setLevel(java.util.logging.Level.ALL);
      try {
        JdbcStorage.open(settings(dir.resolve("quiet").resolve("db.sqlite"))).close();
      } finally {
        root.removeHandler(recorder);
        root.setLevel(before);
      }

      assertThat(records).noneMatch(r -> r.startsWith("liquibase"));
    }

    @Test
    void openWhenParentDirectoriesAreMissingThenCreatesThem() {
      Path file = dir.resolve("a/b/c/pocket-id.db");
      try (JdbcStorage storage = JdbcStorage.open(settings(file))) {
        assertThat(storage.isReachable()).isTrue();
      }
      assertThat(file).exists();
    }

    @Test
    void connectionsWhenOpenedFromTheSettingsThenHaveTheSqlitePragmas() throws Exception {
      Path file = dir.resolve("p.db");
      JdbcSettings settings = settings(file);
      JdbcStorage.open(settings).close();
      try (Connection c = DriverManager.getConnection(settings.jdbcUrl())) {
        assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
        assertThat(pragma(c, "journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(pragma(c, "synchronous")).isEqualTo("1"); // NORMAL
        assertThat(pragma(c, "busy_timeout")).isEqualTo("2500");
      }
    }

    @Test
    void isReachableWhenOpenThenTrueAndAfterCloseFalse() {
      JdbcStorage storage = JdbcStorage.open(settings(dir.resolve("r.db")));
      assertThat(storage.isReachable()).isTrue();
      storage.close();
      assertThat(storage.isReachable()).isFalse();
      storage.close(); // idempotent
    }

    @Test
    void openWhenPathCannotBeCreatedThenStorageExceptionNamingThePath() throws Exception {
      Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
      Path file = notADirectory.resolve("pocket-id.db");
      assertThatThrownBy(() -> JdbcStorage.open(settings(file)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void openWhenFileIsNotADatabaseThenStorageExceptionNamingThePathAndTheCause() throws Exception {
      Path file =
          Files.writeString(dir.resolve("garbage.db"), "this is not an SQLite file ".repeat(200));
      assertThatThrownBy(() -> JdbcStorage.open(settings(file)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("NOTADB");
    }

    @Test
    void storesWhenGivenHashesThenOnlyHashesLandInTheTables() throws Exception {
      Path file = dir.resolve("h.db");
      String loginCode = "plain-login-code-123";
      String signupToken = "plain-signup-token-456";
      try (JdbcStorage storage = JdbcStorage.open(settings(file))) {
        User user = Fixtures.user("alice").build();
        storage.users().create(user);
        storage
            .loginCodes()
            .save(
                new LoginCode(
                    Fixtures.id("lc"),
                    TokenHasher.hash(loginCode),
                    Fixtures.T0,
                    Fixtures.at(900),
                    user.id()));
        storage
            .signupTokens()
            .save(
                new SignupToken(
                    Fixtures.id("st"),
                    TokenHasher.hash(signupToken),
                    Fixtures.T0,
                    Fixtures.at(900),
                    1,
                    0));
      }
      try (Connection c = DriverManager.getConnection(settings(file).jdbcUrl())) {
        assertThat(column(c, "SELECT token FROM one_time_access_tokens"))
            .containsExactly(TokenHasher.hash(loginCode))
            .doesNotContain(loginCode);
        assertThat(column(c, "SELECT token FROM signup_tokens"))
            .containsExactly(TokenHasher.hash(signupToken))
            .doesNotContain(signupToken);
      }
      assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain(loginCode)
          .doesNotContain(signupToken);
    }
  }

  @Nested
  class OnPostgres {
    @Test
    void openWhenNothingListensThenStorageExceptionNamingHostWithoutPassword() throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      JdbcSettings settings =
          withTimeout(
              ConnectionStrings.parse(
                  "postgres", "postgres://pocketid:Top%2FSecret99@127.0.0.1:" + port + "/pid"));
      assertThatThrownBy(() -> JdbcStorage.open(settings))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("127.0.0.1:" + port + "/pid")
          .hasMessageContaining("pocketid")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Top/Secret99"));
    }

    @Test
    void openWhenPasswordIsWrongThenStorageExceptionWithoutPassword() {
      PostgresTestDatabase.assumeReachable();
      URI uri = URI.create(PostgresTestDatabase.URL.substring("jdbc:".length()));
      JdbcSettings settings =
          ConnectionStrings.parse(
              "postgres",
              "postgres://"
                  + PostgresTestDatabase.USER
                  + ":Wrong-Secret-77@"
                  + uri.getHost()
                  + ":"
                  + uri.getPort()
                  + uri.getPath());
      assertThatThrownBy(() -> JdbcStorage.open(withTimeout(settings)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(uri.getHost())
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Wrong-Secret-77"));
    }

    @Test
    void isReachableWhenDatabaseDiesThenFalseAndAfterCloseFalse() throws Exception {
      PostgresTestDatabase.assumeReachable();
      String schema = PostgresTestDatabase.createSchema();
      URI uri = URI.create(PostgresTestDatabase.URL.substring("jdbc:".length()));
      try (TcpProxy proxy = new TcpProxy(uri.getHost(), uri.getPort())) {
        JdbcSettings direct = PostgresTestDatabase.settings(schema);
        JdbcSettings viaProxy =
            withTimeout(
                new JdbcSettings(
                    Dialect.POSTGRES,
                    direct
                        .jdbcUrl()
                        .replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + proxy.port()),
                    direct.username(),
                    direct.password(),
                    2,
                    direct.connectionTimeout()));
        JdbcStorage storage = JdbcStorage.open(viaProxy);
        assertThat(storage.isReachable()).isTrue();
        proxy.close();
        long t0 = System.nanoTime();
        assertThat(storage.isReachable()).isFalse();
        System.out.printf(
            "isReachable() against a dead PostgreSQL answered false in %d ms%n",
            (System.nanoTime() - t0) / 1_000_000);
        storage.close();
        assertThat(storage.isReachable()).isFalse();
      } finally {
        PostgresTestDatabase.dropSchema(schema);
      }
    }

    @Test
    void isReachableWhenDatabaseHangsThenFalseWithinTheProbeTimeout() throws Exception {
      PostgresTestDatabase.assumeReachable();
      String schema = PostgresTestDatabase.createSchema();
      URI uri = URI.create(PostgresTestDatabase.URL.substring("jdbc:".length()));
      try (TcpProxy proxy = new TcpProxy(uri.getHost(), uri.getPort())) {
        JdbcSettings direct = PostgresTestDatabase.settings(schema);
        JdbcStorage storage =
            JdbcStorage.open(
                withTimeout(
                    new JdbcSettings(
                        Dialect.POSTGRES,
                        direct
                            .jdbcUrl()
                            .replace(
                                uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + proxy.port()),
                        direct.username(),
                        direct.password(),
                        2,
                        direct.connectionTimeout())));
        assertThat(storage.isReachable()).isTrue();
        proxy.freeze();
        long t0 = System.nanoTime();
        assertThat(storage.isReachable()).isFalse();
        assertThat(storage.isReachable()).isFalse(); // joins the probe still in flight
        System.out.printf(
            "isReachable() against a hanging PostgreSQL answered false twice in %d ms%n",
            (System.nanoTime() - t0) / 1_000_000);
        proxy.close();
        storage.close();
      } finally {
        PostgresTestDatabase.dropSchema(schema);
      }
    }
  }

  static JdbcSettings withTimeout(JdbcSettings s) {
    return new JdbcSettings(
        s.dialect(),
        s.jdbcUrl(),
        s.username(),
        s.password(),
        s.maxPoolSize(),
        Duration.ofSeconds(2));
  }

  static String pragma(Connection c, String name) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
