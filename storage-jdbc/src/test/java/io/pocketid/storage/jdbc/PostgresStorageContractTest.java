package io.pocketid.storage.jdbc;

import io.pocketid.core.store.Storage;
import io.pocketid.core.store.contract.StorageContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The storage contract kit on a real PostgreSQL: every storage lives in a fresh schema, dropped
 * after the test. Skipped (with instructions) when PostgreSQL is absent, failed in CI.
 */
class PostgresStorageContractTest extends StorageContract {
  private final List<String> schemas = new ArrayList<>();

  @BeforeEach
  void requirePostgres() {
    PostgresTestDatabase.assumeReachable();
  }

  @Override
  protected Storage newStorage() {
    PostgresTestDatabase.assumeReachable();
    String schema = PostgresTestDatabase.createSchema();
    schemas.add(schema);
    return JdbcStorage.open(PostgresTestDatabase.settings(schema));
  }

  @AfterEach
  void dropSchemas() {
    schemas.forEach(PostgresTestDatabase::dropSchema);
  }
}
