package io.pocketid.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.storage.jdbc.internal.adopt.PocketIdSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adoption of a Pocket ID v1.15 SQLite file; refusals compare the file's bytes. */
class SqlitePocketIdAdoptionTest extends PocketIdAdoptionContract {
  @TempDir Path dir;

  Path file() {
    return dir.resolve("pocket-id.db");
  }

  @Override
  PocketIdV115Database pocketId() {
    return PocketIdV115Database.sqlite(file());
  }

  @Override
  Instant time(String iso) {
    return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS);
  }

  @Override
  String dump(PocketIdV115Database db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      return rows(c, tables(c));
    }
  }

  @Override
  String bytes(PocketIdV115Database db) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return HexFormat.of().formatHex(Files.readAllBytes(file()))
          + files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static List<String> tables(Connection c) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  @Test
  void openWhenPocketIdV115ThenABackupCopyIsWrittenBesideTheFileFirst() throws Exception {
    PocketIdV115Database db = pocketId();
    seed(db);
    String original = dump(db);
    try (JdbcStorage storage = JdbcStorage.open(db.settings())) {
      assertThat(storage.users().findById(TIM)).isPresent();
    }
    List<Path> backups;
    try (Stream<Path> files = Files.list(dir)) {
      backups = files.filter(p -> p.getFileName().toString().endsWith(".bak")).toList();
    }
    assertThat(backups).hasSize(1);
    assertThat(backups.get(0).getFileName().toString())
        .startsWith("pocket-id.db.pocket-id-v1.15-" + PocketIdSchema.SQLITE_VERSION + "-")
        .matches(".*-\\d{8}T\\d{6}Z\\.bak");
    assertThat(Files.getPosixFilePermissions(backups.get(0)))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backups.get(0))) {
      assertThat(rows(c, tables(c))).isEqualTo(original);
    }
    // A second start makes no second copy.
    try (JdbcStorage storage = JdbcStorage.open(db.settings())) {
      assertThat(storage.migratedOnOpen()).isFalse();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".bak")).count())
          .isEqualTo(1);
    }
  }

  @Test
  void openWhenATimestampIsNotATimeThenRefusedNamingTheRowAndTheFileIsUnchanged() throws Exception {
    PocketIdV115Database db = pocketId();
    seed(db);
    db.exec("UPDATE users SET created_at = 'yesterday' WHERE id = '" + CRAIG + "'");
    String before = bytes(db);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcStorage.open(db.settings()))
        .hasMessageContaining("table users, row id=" + CRAIG)
        .hasMessageContaining("'yesterday'");
    assertThat(bytes(db)).isEqualTo(before);
  }
}
