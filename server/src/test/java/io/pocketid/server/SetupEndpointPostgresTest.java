package io.pocketid.server;

import io.pocketid.server.config.EnvironmentConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The setup endpoint on PostgreSQL, one fresh schema per test; plus the scale-out case: two server
 * instances on one database.
 */
class SetupEndpointPostgresTest extends SetupEndpointContract {
  private static final List<String> SCHEMAS = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    PostgresTestSchemas.assumeReachable();
  }

  @AfterAll
  static void dropSchemas() {
    SCHEMAS.forEach(PostgresTestSchemas::drop);
  }

  @Override
  PocketIdServer newServer(Path dataDirectory) {
    String connection = PostgresTestSchemas.newConnectionString();
    SCHEMAS.add(connection);
    return onDatabase(connection, dataDirectory);
  }

  private static PocketIdServer onDatabase(String connection, Path dataDirectory) {
    return PocketIdServer.builder()
        .settings(
            EnvironmentConfig.load(
                Map.of(
                    "DB_PROVIDER", "postgres",
                    "DB_CONNECTION_STRING", connection,
                    "HOST", "127.0.0.1")))
        .dataDirectory(dataDirectory)
        .port(0)
        .build();
  }

  @Test
  void setupWhenConcurrentCallsOnTwoInstancesThenExactlyOneSucceeds() throws Exception {
    String connection = PostgresTestSchemas.newConnectionString();
    SCHEMAS.add(connection);
    PocketIdServer first = onDatabase(connection, dir.resolve("a"));
    PocketIdServer second = onDatabase(connection, dir.resolve("b"));
    first.start();
    second.start();
    try {
      first.ready().join();
      second.ready().join();
      assertTenConcurrentSetupsLetExactlyOneSucceed(
          List.of(new Http(first.port()), new Http(second.port())));
    } finally {
      first.stop();
      second.stop();
    }
  }
}
