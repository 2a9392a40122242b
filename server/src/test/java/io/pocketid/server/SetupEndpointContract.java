package io.pocketid.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/signup/setup} over HTTP; subclasses choose the storage. */
abstract class SetupEndpointContract {
  static final String VALID =
      "{\"username\":\"admin\",\"email\":\"admin@example.com\",\"firstName\":\"Ada\","
          + "\"lastName\":\"Lovelace\"}";

  @TempDir Path dir;
  private PocketIdServer server;
  Http http;

  abstract PocketIdServer newServer(Path dataDirectory);

  @BeforeEach
  void startServer() {
    server = newServer(dir);
    server.start();
    server.ready().join();
    http = new Http(server.port());
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  @Test
  void healthzWhenDatabaseOpenThenNoContent() {
    assertThat(http.get("/healthz").statusCode()).isEqualTo(204);
  }

  @Test
  void startWhenDataDirectoryGivenThenCreatesUploadAndKeyDirectories() {
    assertThat(dir.resolve("uploads")).isDirectory();
    assertThat(dir.resolve("keys")).isDirectory();
  }

  @Test
  void setupWhenNoUserThenCreatesAdmin() {
    HttpResponse<String> response = http.post("/api/signup/setup", VALID);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(response.body())
        .matches("\\{\"id\":\"[0-9a-f-]{36}\",.*")
        .contains(
            "\"username\":\"admin\",\"email\":\"admin@example.com\",\"firstName\":\"Ada\","
                + "\"lastName\":\"Lovelace\",\"displayName\":\"Ada Lovelace\",\"isAdmin\":true,"
                + "\"locale\":null,\"customClaims\":[],\"userGroups\":[],\"ldapId\":null,"
                + "\"disabled\":false}");
  }

  @Test
  void setupWhenCalledTwiceThenSecondIsBadRequest() {
    http.post("/api/signup/setup", VALID);

    HttpResponse<String> second = http.post("/api/signup/setup", VALID.replace("admin", "other"));

    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(second.body()).isEqualTo("{\"error\":\"Setup already completed\"}");
  }

  @Test
  void setupWhenFieldNamesInOtherCaseThenAccepted() {
    HttpResponse<String> response =
        http.post(
            "/api/signup/setup",
            "{\"Username\":\"admin\",\"EMAIL\":\"a@example.com\",\"FirstName\":\"Ada\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"firstName\":\"Ada\",\"lastName\":\"\",\"displayName\":\"Ada\"");
  }

  @Test
  void setupWhenMalformedJsonThenBadRequestAndNothingStored() {
    HttpResponse<String> response = http.post("/api/signup/setup", "{\"username\":\"admin\",");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"error\":\"Invalid JSON");
    assertThat(http.post("/api/signup/setup", VALID).statusCode()).isEqualTo(200);
  }

  @Test
  void setupWhenFieldHasWrongTypeThenBadRequestNamingIt() {
    HttpResponse<String> response =
        http.post(
            "/api/signup/setup",
            "{\"username\":\"admin\",\"email\":\"a@example.com\",\"firstName\":42}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("firstName must be a string, got a number");
    assertThat(http.post("/api/signup/setup", VALID).statusCode()).isEqualTo(200);
  }

  @Test
  void setupWhenBodyIsNotAnObjectThenBadRequest() {
    HttpResponse<String> response = http.post("/api/signup/setup", "[1,2]");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("expected a JSON object, got an array");
  }

  @Test
  void setupWhenFieldsInvalidThenBadRequestListingProblems() {
    HttpResponse<String> response =
        http.post(
            "/api/signup/setup",
            "{\"username\":\"-bad\",\"email\":\"not-an-email\",\"lastName\":\""
                + "x".repeat(51)
                + "\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"Username is invalid, Email must be a valid email address, FirstName is"
                + " required, LastName must be at most 50 characters long\"}");
  }

  /** Security review (info): control and invisible characters in names. */
  @Test
  void setupWhenNamesHaveControlOrInvisibleCharactersThenBadRequestAndNothingStored() {
    HttpResponse<String> response =
        http.post(
            "/api/signup/setup",
            "{\"username\":\"admin\",\"email\":\"admin@example.com\",\"firstName\":\"Ada\\n\","
                + "\"lastName\":\"\\u202EecalevoL\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"FirstName must not contain control or invisible characters, LastName must"
                + " not contain control or invisible characters\"}");
    assertThat(http.post("/api/signup/setup", VALID).statusCode()).isEqualTo(200);
  }

  @Test
  void setupWhenBodyLargerThanOneMebibyteThenPayloadTooLargeAndNothingStored() {
    String huge = "{\"username\":\"admin\",\"firstName\":\"" + "x".repeat(1_100_000) + "\"}";

    HttpResponse<String> response = http.post("/api/signup/setup", huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("{\"error\":\"Request body too large\"}");
    assertThat(http.post("/api/signup/setup", VALID).statusCode()).isEqualTo(200);
  }

  @Test
  void setupWhenEmailMissingThenBadRequestBecauseEmailIsRequired() {
    HttpResponse<String> response =
        http.post("/api/signup/setup", "{\"username\":\"admin\",\"firstName\":\"Ada\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo("{\"error\":\"The user does not have an email address set\"}");
  }

  @Test
  void setupWhenTenConcurrentCallsThenExactlyOneSucceeds() throws Exception {
    assertTenConcurrentSetupsLetExactlyOneSucceed(List.of(http));
  }

  /**
   * Ten setup calls released at once, spread over the given instances: exactly one creates the
   * admin, the nine others get "Setup already completed".
   */
  static void assertTenConcurrentSetupsLetExactlyOneSucceed(List<Http> instances) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Http target = instances.get(i % instances.size());
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
    }
  }
}
