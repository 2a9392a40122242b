package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.PageRequest;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/api-keys}: each user's own keys. */
class ApiKeyApiHttpTest {
  @TempDir Path dir;
  private OidcTestServer op;
  private String[] alice;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
    alice = new String[] {"Cookie", op.sessionCookie(op.alice)};
  }

  @AfterEach
  void stop() {
    op.close();
  }

  private static JsonObject json(HttpResponse<String> response) {
    return ProtocolEndpointsHttpTest.json(response);
  }

  private long keysOf(String userId) {
    return op.storage.apiKeys().listForUser(userId, PageRequest.of(1, 100)).totalItems();
  }

  private static String future() {
    return Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Test
  void createShowsTheKeyOnceStoresOnlyItsHashAndTheKeyWorks() {
    HttpResponse<String> created =
        op.json(
            "POST",
            "/api/api-keys",
            "{\"name\":\"backup script\",\"description\":\"nightly\",\"expiresAt\":\""
                + future()
                + "\"}",
            alice);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String token = json(created).getString("token");
    JsonObject key = json(created).getJsonObject("apiKey");
    assertThat(key.getString("name")).isEqualTo("backup script");
    assertThat(key.getString("description")).isEqualTo("nightly");
    ApiKey stored = op.storage.apiKeys().findByHash(TokenHasher.hash(token)).orElseThrow();
    assertThat(stored.userId()).isEqualTo(op.alice.id());
    assertThat(stored.keyHash()).isNotEqualTo(token);

    HttpResponse<String> me = op.get("/api/users/me", "X-API-KEY", token);
    assertThat(json(me).getString("username")).isEqualTo("alice");
    HttpResponse<String> list = op.get("/api/api-keys", alice);
    assertThat(list.body()).doesNotContain(token);
    assertThat(json(list).getJsonArray("data")).hasSize(1);
    assertThat(json(list).getJsonObject("pagination").getInt("totalItems")).isEqualTo(1);
  }

  @Test
  void createWhenInvalidThen400NamingTheFieldAndNothingStored() {
    String[][] cases = {
      {
        "{\"name\":\"ab\",\"expiresAt\":\"" + future() + "\"}",
        "Name must be at least 3 characters long"
      },
      {"{\"expiresAt\":\"" + future() + "\"}", "Name is required"},
      {"{\"name\":\"script\"}", "ExpiresAt must be a time in the future"},
      {
        "{\"name\":\"script\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
        "ExpiresAt must be a time in the future"
      },
      {
        "{\"name\":\"script\",\"expiresAt\":\"tomorrow\"}",
        "ExpiresAt is invalid: use an RFC 3339 time such as 2030-01-31T12:00:00Z"
      },
    };
    for (String[] c : cases) {
      HttpResponse<String> response = op.json("POST", "/api/api-keys", c[0], alice);
      assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(json(response).getString("error")).isEqualTo(c[1]);
    }
    assertThat(keysOf(op.alice.id())).isZero();
  }

  @Test
  void anonymousIs401AndAKeyCannotMintKeys() {
    assertThat(op.get("/api/api-keys").statusCode()).isEqualTo(401);
    assertThat(op.json("POST", "/api/api-keys", "{\"name\":\"x\"}").statusCode()).isEqualTo(401);
    HttpResponse<String> viaKey =
        op.json(
            "POST",
            "/api/api-keys",
            "{\"name\":\"another\",\"expiresAt\":\"" + future() + "\"}",
            "X-API-KEY",
            op.adminApiKey);
    assertThat(viaKey.statusCode()).isEqualTo(403);
    assertThat(keysOf(op.admin.id())).isEqualTo(1);
    // but the admin's key lists the admin's own keys
    HttpResponse<String> list = op.get("/api/api-keys", "X-API-KEY", op.adminApiKey);
    assertThat(json(list).getJsonArray("data").getJsonObject(0).getString("name"))
        .isEqualTo("tests");
  }

  @Test
  void revokeDeletesOnlyOwnKeys() {
    String adminKeyId =
        op.storage.apiKeys().findByHash(TokenHasher.hash(op.adminApiKey)).orElseThrow().id();
    HttpResponse<String> foreign = op.json("DELETE", "/api/api-keys/" + adminKeyId, null, alice);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(op.get("/api/users/me", "X-API-KEY", op.adminApiKey).statusCode()).isEqualTo(200);

    HttpResponse<String> own =
        op.json(
            "DELETE", "/api/api-keys/" + adminKeyId, null, "Cookie", op.sessionCookie(op.admin));
    assertThat(own.statusCode()).isEqualTo(204);
    assertThat(op.get("/api/users/me", "X-API-KEY", op.adminApiKey).statusCode()).isEqualTo(401);
  }

  @Test
  void listSortsAndPaginates() {
    for (String name : new String[] {"bravo", "alpha", "charlie"}) {
      op.json(
          "POST",
          "/api/api-keys",
          "{\"name\":\"" + name + "\",\"expiresAt\":\"" + future() + "\"}",
          alice);
    }
    JsonObject page =
        json(
            op.get(
                "/api/api-keys?sort[column]=name&sort[direction]=desc&pagination[limit]=2&pagination[page]=2",
                alice));
    assertThat(page.getJsonArray("data").getJsonObject(0).getString("name")).isEqualTo("alpha");
    assertThat(page.getJsonObject("pagination").getInt("totalPages")).isEqualTo(2);
  }
}
