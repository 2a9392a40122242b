package io.pocketid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.server.config.EnvironmentConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      first.ready().join();
      second.ready().join();
      List<Http> instances = List.of(new Http(first.port()), new Http(second.port()));
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Http target = instances.get(i % 2);
        String body = VALID.replace("admin", "admin" + i);
        Callable<HttpResponse<String>> call =
            () -> {
              go.await();
              return target.post("/api/signup/setup", body);
            };
        results.add(pool.submit(call));
      }
      go.countDown();
      int ok = 0;
      int alreadyDone = 0;
      for (Future<HttpResponse<String>> result : results) {
        HttpResponse<String> response = result.get();
        if (response.statusCode() == 200) {
          ok++;
        } else if (response.body().equals("{\"error\":\"Setup already completed\"}")) {
          alreadyDone++;
        }
      }

      assertThat(ok).isEqualTo(1);
      assertThat(alreadyDone).isEqualTo(9);
    } finally {
      pool.shutdownNow();
      first.stop();
      second.stop();
    }
  }
}
