package io.pocketid.storage.jdbc;

import io.pocketid.core.store.Storage;
import io.pocketid.core.store.contract.StorageContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract kit on SQLite: a fresh database file per test. The file is a copy of a
 * database migrated once for this class (running Liquibase for every test would cost seconds each);
 * opening the copy takes the checksum fast path. Migration itself is tested in {@link
 * SchemaMigrationTest}.
 */
class SqliteStorageContractTest extends StorageContract {
  @TempDir static Path templateDir;
  @TempDir Path dir;

  @BeforeAll
  static void migrateTemplate() {
    JdbcStorage.open(settings(templateDir.resolve("template.db"))).close();
  }

  static JdbcSettings settings(Path file) {
    return ConnectionStrings.parse("sqlite", file.toString());
  }

  @Override
  protected Storage newStorage() {
    Path file = dir.resolve("pocket-id.db");
    try {
      Files.copy(templateDir.resolve("template.db"), file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return JdbcStorage.open(settings(file));
  }
}
