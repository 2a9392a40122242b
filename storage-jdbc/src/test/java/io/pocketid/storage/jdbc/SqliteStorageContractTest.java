package io.pocketid.storage.jdbc;

import io.pocketid.core.store.Storage;
import io.pocketid.core.store.contract.StorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract kit on SQLite: a fresh database file per test. */
class SqliteStorageContractTest extends StorageContract {
  @TempDir Path dir;

  @Override
  protected Storage newStorage() {
    return JdbcStorage.open(
        ConnectionStrings.parse("sqlite", dir.resolve("pocket-id.db").toString()));
  }
}
