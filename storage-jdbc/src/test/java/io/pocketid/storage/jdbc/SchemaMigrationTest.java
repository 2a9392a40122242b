package io.pocketid.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.storage.jdbc.internal.SchemaMigrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up fast path: Liquibase runs only when the stored changelog checksum differs. */
class SchemaMigrationTest {
  static String stored(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT checksum FROM " + SchemaMigrator.STATE_TABLE + " WHERE id = 1")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static int count(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Nested
  class OnSqlite {
    @TempDir Path dir;

    JdbcSettings settings() {
      return ConnectionStrings.parse("sqlite", dir.resolve("pocket-id.db").toString());
    }

    Connection raw() throws SQLException {
      return DriverManager.getConnection(settings().jdbcUrl());
    }

    @Test
    void openWhenDatabaseIsNewThenLiquibaseRunsAndTheChecksumIsStored() throws Exception {
      try (JdbcStorage storage = JdbcStorage.open(settings())) {
        assertThat(storage.migratedOnOpen()).isTrue();
      }
      try (Connection c = raw()) {
        assertThat(stored(c)).isEqualTo(SchemaMigrator.changelogChecksum());
        assertThat(count(c, "databasechangelog")).isEqualTo(8); // the postgresql-only one skipped
      }
    }

    @Test
    void openWhenChecksumMatchesThenLiquibaseDoesNotRun() throws Exception {
      JdbcStorage.open(settings()).close();
      try (JdbcStorage storage = JdbcStorage.open(settings())) {
        assertThat(storage.migratedOnOpen()).isFalse();
        assertThat(storage.isReachable()).isTrue();
      }
    }

    @Test
    void openWhenStoredChecksumDiffersThenLiquibaseRunsAndStoresTheNewOne() throws Exception {
      JdbcStorage.open(settings()).close();
      try (Connection c = raw();
          Statement st = c.createStatement()) {
        st.execute("UPDATE " + SchemaMigrator.STATE_TABLE + " SET checksum = 'older-changelog'");
      }
      try (JdbcStorage storage = JdbcStorage.open(settings())) {
        assertThat(storage.migratedOnOpen()).isTrue();
      }
      try (Connection c = raw()) {
        assertThat(stored(c)).isEqualTo(SchemaMigrator.changelogChecksum());
        assertThat(count(c, "databasechangelog")).isEqualTo(8);
      }
    }

    @Test
    void openWhenChecksumTableMissingThenLiquibaseRunsWithoutRedoingChangesets() throws Exception {
      JdbcStorage.open(settings()).close();
      try (Connection c = raw();
          Statement st = c.createStatement()) {
        st.execute("DROP TABLE " + SchemaMigrator.STATE_TABLE);
      }
      try (JdbcStorage storage = JdbcStorage.open(settings())) {
        assertThat(storage.migratedOnOpen()).isTrue();
      }
      try (Connection c = raw()) {
        assertThat(count(c, "databasechangelog")).isEqualTo(8);
      }
    }

    /** Not an assertion: prints what open() costs on an up-to-date database, for the record. */
    @Test
    void reportOpenTimeOnAnUpToDateDatabase() {
      JdbcStorage.open(settings()).close();
      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        long t0 = System.nanoTime();
        try (JdbcStorage storage = JdbcStorage.open(settings())) {
          micros.add((System.nanoTime() - t0) / 1000);
          assertThat(storage.migratedOnOpen()).isFalse();
        }
      }
      List<Long> sorted = micros.stream().sorted().toList();
      System.out.printf(
          "open() on an up-to-date SQLite database: first %.1f ms, median %.1f ms, min %.1f ms"
              + " (15 opens in one JVM)%n",
          micros.get(0) / 1000.0, sorted.get(sorted.size() / 2) / 1000.0, sorted.get(0) / 1000.0);
    }
  }

  @Nested
  class OnPostgres {
    @Test
    void openWhenSchemaIsNewThenMigratesOnceThenTakesTheFastPath() throws Exception {
      PostgresTestDatabase.assumeReachable();
      String schema = PostgresTestDatabase.createSchema();
      try {
        try (JdbcStorage storage = JdbcStorage.open(PostgresTestDatabase.settings(schema))) {
          assertThat(storage.migratedOnOpen()).isTrue();
        }
        try (JdbcStorage storage = JdbcStorage.open(PostgresTestDatabase.settings(schema))) {
          assertThat(storage.migratedOnOpen()).isFalse();
        }
        try (Connection c = PostgresTestDatabase.admin()) {
          assertThat(stored(c, schema)).isEqualTo(SchemaMigrator.changelogChecksum());
          assertThat(count(c, schema + ".databasechangelog")).isEqualTo(8);
        }
      } finally {
        PostgresTestDatabase.dropSchema(schema);
      }
    }

    @Test
    void openWhenSeveralInstancesStartTogetherThenEachSucceedsAndChangesetsRunOnce()
        throws Exception {
      PostgresTestDatabase.assumeReachable();
      String schema = PostgresTestDatabase.createSchema();
      int instances = 3;
      ExecutorService pool = Executors.newFixedThreadPool(instances);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> opened = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
          opened.add(
              pool.submit(
                  () -> {
                    start.await();
                    try (JdbcStorage storage =
                        JdbcStorage.open(PostgresTestDatabase.settings(schema))) {
                      assertThat(storage.isReachable()).isTrue();
                      return storage.migratedOnOpen();
                    }
                  }));
        }
        start.countDown();
        int migrated = 0;
        for (Future<Boolean> f : opened) {
          migrated += f.get(120, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(migrated).as("instances that ran Liquibase").isEqualTo(1);
        try (Connection c = PostgresTestDatabase.admin()) {
          assertThat(count(c, schema + ".databasechangelog")).isEqualTo(8);
          assertThat(stored(c, schema)).isEqualTo(SchemaMigrator.changelogChecksum());
        }
      } finally {
        pool.shutdownNow();
        PostgresTestDatabase.dropSchema(schema);
      }
    }

    private String stored(Connection c, String schema) throws SQLException {
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT checksum FROM " + schema + "." + SchemaMigrator.STATE_TABLE)) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
