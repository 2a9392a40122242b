package io.pocketid.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.StorageException;
import io.pocketid.storage.jdbc.internal.SchemaMigrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security finding 4: the changeset that makes emails unique regardless of case. A database from
 * before it (the changeset undone, users whose emails differ only in case) must not be half
 * migrated: the start fails with a message naming the clashing users, and nothing changes until the
 * operator resolves them.
 */
class EmailCaseMigrationTest {
  static final String CHANGESET = "6-sec-email-unique-ignoring-case";
  static final String INDEX = "users_email_lower_key";

  /** One database, reached raw and through {@link JdbcStorage}. */
  abstract static class Scenario {
    /** The database of this test. */
    abstract TestDatabase db();

    JdbcSettings settings() {
      return db().settings();
    }

    Connection raw() throws SQLException {
      return db().raw();
    }

    /** Table name as seen from {@link #raw()}. */
    String table(String name) {
      return db().table(name);
    }

    /** Counts the indexes whose name is its one parameter. */
    String countIndexesSql() {
      return db().countIndexesSql();
    }

    /** Migrates, then undoes the email changeset and seeds users as an older version could. */
    void olderDatabaseWithUsers(String... usernameEmail) throws SQLException {
      JdbcStorage.open(settings()).close();
      try (Connection c = raw();
          Statement st = c.createStatement()) {
        st.execute("DROP INDEX " + table(INDEX));
        st.execute("DELETE FROM " + table("databasechangelog") + " WHERE id = '" + CHANGESET + "'");
        st.execute("UPDATE " + table(SchemaMigrator.STATE_TABLE) + " SET checksum = 'older'");
        for (int i = 0; i < usernameEmail.length; i += 2) {
          st.execute(
              "INSERT INTO "
                  + table("users")
                  + " (id, created_at, username, email, display_name) VALUES ('u-"
                  + usernameEmail[i]
                  + "', "
                  + createdAt()
                  + ", '"
                  + usernameEmail[i]
                  + "', '"
                  + usernameEmail[i + 1]
                  + "', '')");
        }
      }
    }

    abstract String createdAt();

    List<String> emails() throws SQLException {
      List<String> emails = new ArrayList<>();
      try (Connection c = raw();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT email FROM " + table("users") + " ORDER BY username")) {
        while (rs.next()) {
          emails.add(rs.getString(1));
        }
      }
      return emails;
    }

    boolean changesetRecorded() throws SQLException {
      try (Connection c = raw();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM " + table("databasechangelog") + " WHERE id = ?")) {
        ps.setString(1, CHANGESET);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1) == 1;
        }
      }
    }

    String storedChecksum() throws SQLException {
      try (Connection c = raw();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT checksum FROM " + table(SchemaMigrator.STATE_TABLE))) {
        return rs.next() ? rs.getString(1) : null;
      }
    }

    void exec(String sql) throws SQLException {
      try (Connection c = raw();
          Statement st = c.createStatement()) {
        st.execute(sql);
      }
    }

    boolean indexExists() throws SQLException {
      try (Connection c = raw();
          PreparedStatement ps = c.prepareStatement(countIndexesSql())) {
        ps.setString(1, INDEX);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1) == 1;
        }
      }
    }

    @Test
    void openWhenEmailsDifferOnlyInCaseThenFailsNamingThemAndChangesNothing() throws Exception {
      olderDatabaseWithUsers(
          "alice", "admin@example.test",
          "bob", "ADMIN@example.test",
          "carol", "carol@example.test");

      assertThatThrownBy(() -> JdbcStorage.open(settings()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("differ only in case")
          .hasMessageContaining("'admin@example.test' (user 'alice', id u-alice)")
          .hasMessageContaining("'ADMIN@example.test' (user 'bob', id u-bob)")
          .hasMessageNotContaining("carol");

      assertThat(emails())
          .containsExactly("admin@example.test", "ADMIN@example.test", "carol@example.test");
      assertThat(indexExists()).isFalse();
      assertThat(changesetRecorded()).isFalse();
      assertThat(storedChecksum()).isEqualTo("older");
    }

    @Test
    void openWhenClashResolvedThenMigratesAndEmailsAreUniqueIgnoringCase() throws Exception {
      olderDatabaseWithUsers("alice", "admin@example.test", "bob", "ADMIN@example.test");
      assertThatThrownBy(() -> JdbcStorage.open(settings())).isInstanceOf(StorageException.class);
      exec("UPDATE " + table("users") + " SET email = 'bob@example.test' WHERE username = 'bob'");

      try (JdbcStorage storage = JdbcStorage.open(settings())) {
        assertThat(storage.migratedOnOpen()).isTrue();
        User carol =
            new User(
                "u-carol",
                Instant.now(),
                "carol",
                "Admin@Example.TEST",
                "",
                null,
                "",
                false,
                null,
                null,
                false);
        assertThatThrownBy(() -> storage.users().create(carol))
            .isInstanceOfSatisfying(
                DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("email"));
        assertThat(storage.users().findByEmail("ADMIN@EXAMPLE.TEST").orElseThrow().username())
            .isEqualTo("alice");
      }
      assertThat(indexExists()).isTrue();
      assertThat(changesetRecorded()).isTrue();
      assertThat(storedChecksum()).isEqualTo(SchemaMigrator.changelogChecksum());
    }
  }

  @Nested
  class OnSqlite extends Scenario {
    @TempDir Path dir;
    private TestDatabase db;

    @Override
    TestDatabase db() {
      if (db == null) {
        db = TestDatabase.sqlite(dir.resolve("pocket-id.db"));
      }
      return db;
    }

    @Override
    String createdAt() {
      return "0";
    }

    @Test
    void openWhenManyEmailsClashThenTheMessageListsTwentyAndCountsTheRest() throws Exception {
      String[] seed = new String[2 * 25];
      for (int i = 0; i < 24; i++) { // twelve pairs whose emails differ only in case
        seed[2 * i] = String.format("user%02d", i);
        seed[2 * i + 1] = (i % 2 == 0 ? "clash" : "CLASH") + i / 2 + "@example.test";
      }
      seed[48] = "alone";
      seed[49] = "alone@example.test";
      olderDatabaseWithUsers(seed);

      assertThatThrownBy(() -> JdbcStorage.open(settings()))
          .hasMessageContaining("24 users have emails that differ only in case")
          .hasMessageContaining("'clash0@example.test' (user 'user00', id u-user00)")
          .hasMessageContaining(" and 4 more.")
          .hasMessageNotContaining("alone");
      assertThat(emails()).hasSize(25);
    }
  }

  @Nested
  class OnPostgres extends Scenario {
    private TestDatabase db;

    @BeforeEach
    void createSchema() {
      db = TestDatabase.postgres();
    }

    @AfterEach
    void dropSchema() {
      if (db != null) {
        db.close();
      }
    }

    @Override
    TestDatabase db() {
      return db;
    }

    @Override
    String createdAt() {
      return "now()";
    }
  }
}
