package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.contract.Fixtures;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/signup} under each {@code allowUserSignups} mode, and signup tokens. */
class SignupApiHttpTest {
  @TempDir Path dir;
  private OidcTestServer op;

  private void start(String mode, Map<String, String> more) {
    op =
        new OidcTestServer(
            dir,
            storage -> {
              Map<String, String> settings = new java.util.HashMap<>(more);
              settings.put("allowUserSignups", mode);
              storage.appConfig().saveAll(settings);
            });
  }

  @AfterEach
  void stop() {
    if (op != null) {
      op.close();
    }
  }

  private static JsonObject json(HttpResponse<String> response) {
    return ProtocolEndpointsHttpTest.json(response);
  }

  private static String signup(String username, String token) {
    return "{\"username\":\""
        + username
        + "\",\"email\":\""
        + username
        + "@example.com\",\"firstName\":\"New\",\"lastName\":\"Person\""
        + (token == null ? "" : ",\"token\":\"" + token + "\"")
        + "}";
  }

  private String newToken(int usageLimit) {
    HttpResponse<String> created =
        op.json(
            "POST",
            "/api/signup-tokens",
            "{\"ttl\":\"24h\",\"usageLimit\":" + usageLimit + "}",
            "X-API-KEY",
            op.adminApiKey);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).getString("token");
  }

  private long users() {
    return op.storage.users().count();
  }

  @Test
  void openSignupCreatesTheUserWithDefaultsSignsThemInAndAudits() {
    UserGroup devs = Fixtures.group("devs");
    op =
        new OidcTestServer(
            dir,
            storage -> {
              storage.groups().create(devs);
              storage
                  .appConfig()
                  .saveAll(
                      Map.of(
                          "allowUserSignups", "open",
                          "signupDefaultUserGroupIDs", "[\"" + devs.id() + "\"]",
                          "signupDefaultCustomClaims", "[{\"key\":\"tier\",\"value\":\"free\"}]"));
            });

    HttpResponse<String> response = op.json("POST", "/api/signup", signup("newbie", null));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonObject user = json(response);
    assertThat(user.getString("displayName")).isEqualTo("New Person");
    assertThat(user.getJsonArray("userGroups").getJsonObject(0).getString("name"))
        .isEqualTo("devs");
    assertThat(user.getJsonArray("customClaims").getJsonObject(0).getString("key"))
        .isEqualTo("tier");
    String cookie = response.headers().firstValue("set-cookie").orElseThrow();
    HttpResponse<String> me =
        op.get("/api/users/me", "Cookie", cookie.substring(0, cookie.indexOf(';')));
    assertThat(json(me).getString("username")).isEqualTo("newbie");
    AuditEvent event =
        op.storage.auditLog().list(user.getString("id"), PageRequest.of(1, 5)).items().get(0);
    assertThat(event.event()).isEqualTo(AuditEvents.ACCOUNT_CREATED);
    assertThat(event.data()).containsEntry("method", "open_signup");
  }

  @Test
  void disabledRefusesEvenAValidToken() {
    start("disabled", Map.of());
    String token = newToken(5);

    HttpResponse<String> response = op.json("POST", "/api/signup", signup("newbie", token));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).getString("error")).isEqualTo("User signups are disabled");
    assertThat(users()).isEqualTo(2);
    assertThat(op.storage.signupTokens().list(PageRequest.of(1, 5)).items().get(0).usageCount())
        .isZero();
  }

  @Test
  void withTokenNeedsAValidTokenAndCountsItsUses() {
    start("withToken", Map.of());
    HttpResponse<String> without = op.json("POST", "/api/signup", signup("nobody", null));
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(json(without).getString("error")).isEqualTo("Open user signup is not enabled");
    HttpResponse<String> wrong =
        op.json("POST", "/api/signup", signup("nobody", "WRONGTOKEN123456"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(json(wrong).getString("error")).isEqualTo("Token is invalid or expired");
    assertThat(users()).isEqualTo(2);

    String token = newToken(1);
    // a refused sign-up (taken username) does not use the token up
    HttpResponse<String> taken = op.json("POST", "/api/signup", signup("alice", token));
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(json(taken).getString("error")).isEqualTo("Username is already in use");

    assertThat(op.json("POST", "/api/signup", signup("first", token)).statusCode()).isEqualTo(201);
    HttpResponse<String> second = op.json("POST", "/api/signup", signup("second", token));
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(users()).isEqualTo(3);
    JsonObject listed =
        json(op.get("/api/signup-tokens", "X-API-KEY", op.adminApiKey))
            .getJsonArray("data")
            .getJsonObject(0);
    assertThat(listed.getInt("usageCount")).isEqualTo(1);
    assertThat(listed.containsKey("token")).isFalse();
  }

  @Test
  void signupValidationNamesTheFieldAndCreatesNothing() {
    start("open", Map.of());
    String[][] cases = {
      {
        "{\"username\":\"x\",\"email\":\"x@example.com\",\"firstName\":\"X\"}",
        "Username is invalid"
      },
      {
        "{\"username\":\"newbie\",\"email\":\"bad\",\"firstName\":\"X\"}",
        "Email must be a valid email address"
      },
      {"{\"username\":\"newbie\",\"email\":\"n@example.com\"}", "FirstName is required"},
      {"{\"username\":\"newbie\",\"firstName\":\"X\"}", "Email is required"},
      {
        "{\"username\":\"newbie\",\"email\":\"ALICE@example.com\",\"firstName\":\"X\"}",
        "Email is already in use"
      },
    };
    for (String[] c : cases) {
      HttpResponse<String> response = op.json("POST", "/api/signup", c[0]);
      assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(json(response).getString("error")).isEqualTo(c[1]);
    }
    assertThat(users()).isEqualTo(2);
  }

  @Test
  void signupIsRateLimitedPerAddress() {
    start("withToken", Map.of());
    int last = 0;
    for (int i = 0; i < 11; i++) {
      last = op.json("POST", "/api/signup", signup("n" + i + "x", "WRONGTOKEN123456")).statusCode();
    }
    assertThat(last).isEqualTo(429);
  }

  @Test
  void signupTokensAreAdminOnlyValidatedListedAndDeleted() {
    start("withToken", Map.of());
    assertThat(op.json("POST", "/api/signup-tokens", "{\"usageLimit\":1}").statusCode())
        .isEqualTo(401);
    assertThat(
            op.json(
                    "POST",
                    "/api/signup-tokens",
                    "{\"usageLimit\":1}",
                    "Cookie",
                    op.sessionCookie(op.alice))
                .statusCode())
        .isEqualTo(403);
    for (String body : new String[] {"{\"usageLimit\":0}", "{\"usageLimit\":101}", "{}"}) {
      HttpResponse<String> response =
          op.json("POST", "/api/signup-tokens", body, "X-API-KEY", op.adminApiKey);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(json(response).getString("error"))
          .isEqualTo("UsageLimit must be between 1 and 100");
    }
    assertThat(op.storage.signupTokens().list(PageRequest.of(1, 10)).totalItems()).isZero();

    HttpResponse<String> created =
        op.json(
            "POST",
            "/api/signup-tokens",
            "{\"usageLimit\":3}",
            "Cookie",
            op.sessionCookie(op.admin));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject dto = json(created);
    assertThat(dto.getString("token")).matches("[A-Za-z0-9]{16}");
    assertThat(
            java.time.Duration.between(
                java.time.Instant.parse(dto.getString("createdAt")),
                java.time.Instant.parse(dto.getString("expiresAt"))))
        .isEqualTo(java.time.Duration.ofHours(1));
    String id = dto.getString("id");

    assertThat(
            op.json("DELETE", "/api/signup-tokens/" + id, null, "X-API-KEY", op.adminApiKey)
                .statusCode())
        .isEqualTo(204);
    assertThat(op.storage.signupTokens().list(PageRequest.of(1, 10)).totalItems()).isZero();
    assertThat(
            op.json("DELETE", "/api/signup-tokens/" + id, null, "X-API-KEY", op.adminApiKey)
                .statusCode())
        .isEqualTo(404);
  }
}
