package io.pocketid.storage.jdbc;

import io.pocketid.core.store.Storage;
import io.pocketid.core.store.contract.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The storage contract kit on a real PostgreSQL. The class migrates one fresh schema (random name,
 * dropped afterwards); every test starts by emptying all its tables, so no test sees another's
 * data. (A Liquibase run per test costs about 2.5 s here; migration from an empty schema is tested
 * in {@link SchemaMigrationTest}.) Skipped with instructions when PostgreSQL is absent; failed in
 * CI.
 */
class PostgresStorageContractTest extends StorageContract {
  private static String schema;

  @BeforeAll
  static void createSchema() {
    PostgresTestDatabase.assumeReachable();
    schema = PostgresTestDatabase.createSchema();
    JdbcStorage.open(PostgresTestDatabase.settings(schema)).close();
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @BeforeEach
  void requirePostgres() {
    PostgresTestDatabase.assumeReachable();
  }

  @Override
  protected Storage newStorage() {
    PostgresTestDatabase.truncateAll(schema);
    return JdbcStorage.open(PostgresTestDatabase.settings(schema));
  }
}
