package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.UserGroup;
import io.pocketid.oidc.client.ClientSecrets;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/oidc/clients}: Pocket ID's paths, field names, pagination and validation. */
class ClientApiHttpTest {
  @TempDir Path dir;
  private OidcTestServer op;
  private String[] admin;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
    admin = new String[] {"X-API-KEY", op.adminApiKey};
  }

  @AfterEach
  void stop() {
    op.close();
  }

  private HttpResponse<String> call(String method, String path, String body) {
    return op.json(method, path, body, admin);
  }

  private static JsonObject json(HttpResponse<String> response) {
    return ProtocolEndpointsHttpTest.json(response);
  }

  @Test
  void createWithFrontendCasingThen201WithPocketIdFieldsAndNoSecret() {
    HttpResponse<String> response =
        call(
            "POST",
            "/api/oidc/clients",
            "{\"id\":\"grafana\",\"name\":\"Grafana\",\"callbackURLs\":[\"https://grafana.example/login/generic_oauth\"],"
                + "\"logoutCallbackUrls\":[\"https://grafana.example/\"],\"isPublic\":false,\"pkceEnabled\":true,"
                + "\"launchURL\":\"https://grafana.example\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonObject body = json(response);
    assertThat(body.getString("id")).isEqualTo("grafana");
    assertThat(body.getJsonArray("callbackURLs").getString(0))
        .isEqualTo("https://grafana.example/login/generic_oauth");
    assertThat(body.getJsonArray("logoutCallbackURLs")).hasSize(1);
    assertThat(body.getBoolean("pkceEnabled")).isTrue();
    assertThat(body.getBoolean("hasLogo")).isFalse();
    assertThat(body.getJsonArray("allowedUserGroups")).isEmpty();
    assertThat(body.getJsonObject("credentials").getJsonArray("federatedIdentities")).isEmpty();
    assertThat(op.storage.clients().findById("grafana").orElseThrow().secretHash()).isNull();
  }

  @Test
  void createWithFederatedIdentityThenStoredAndReturned() {
    HttpResponse<String> response =
        call(
            "POST",
            "/api/oidc/clients",
            "{\"id\":\"workload\",\"name\":\"Workload\",\"credentials\":{\"federatedIdentities\":"
                + "[{\"issuer\":\"https://k8s.example\",\"subject\":\"system:serviceaccount:ns:app\","
                + "\"jwks\":\"https://k8s.example/openid/v1/jwks\"}]}}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonObject identity =
        json(response)
            .getJsonObject("credentials")
            .getJsonArray("federatedIdentities")
            .getJsonObject(0);
    assertThat(identity.getString("issuer")).isEqualTo("https://k8s.example");
    assertThat(identity.getString("jwks")).isEqualTo("https://k8s.example/openid/v1/jwks");
    assertThat(op.storage.clients().findById("workload").orElseThrow().federatedIdentities())
        .hasSize(1);
  }

  @Test
  void createWithoutIdThenUuid() {
    HttpResponse<String> response =
        call("POST", "/api/oidc/clients", "{\"name\":\"App\",\"callbackURLs\":[]}");

    assertThat(json(response).getString("id")).matches("[0-9a-f-]{36}");
  }

  @Test
  void createWithDuplicateIdThen400ClientIdAlreadyInUse() {
    HttpResponse<String> response =
        call("POST", "/api/oidc/clients", "{\"id\":\"test-client\",\"name\":\"Again\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).getString("error")).isEqualTo("Client ID already in use");
  }

  @Test
  void createWithJavascriptCallbackThen400AndNothingStored() {
    HttpResponse<String> response =
        call(
            "POST",
            "/api/oidc/clients",
            "{\"id\":\"bad\",\"name\":\"Bad\",\"callbackURLs\":[\"javascript:alert(1)\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(op.storage.clients().findById("bad")).isEmpty();
  }

  @Test
  void createWithoutNameOrWithLongNameOrBadIdThen400() {
    assertThat(call("POST", "/api/oidc/clients", "{\"callbackURLs\":[]}").statusCode())
        .isEqualTo(400);
    assertThat(
            call("POST", "/api/oidc/clients", "{\"name\":\"" + "x".repeat(51) + "\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            call("POST", "/api/oidc/clients", "{\"id\":\"no spaces\",\"name\":\"x\"}").statusCode())
        .isEqualTo(400);
  }

  /** Security review (info): control and invisible characters in client names. */
  @Test
  void createOrUpdateWhenNameHasControlOrInvisibleCharactersThen400AndNothingStored() {
    String refused = "{\"error\":\"Name must not contain control or invisible characters\"}";
    for (String name :
        new String[] {"Graf\\u0000ana", "Grafana\\r\\nX", "\\u202Eanafarg", "Gra\\u200Bfana"}) {
      HttpResponse<String> created =
          call("POST", "/api/oidc/clients", "{\"id\":\"sneaky\",\"name\":\"" + name + "\"}");
      assertThat(created.statusCode()).as(name).isEqualTo(400);
      assertThat(created.body()).isEqualTo(refused);

      HttpResponse<String> updated =
          call("PUT", "/api/oidc/clients/test-client", "{\"name\":\"" + name + "\"}");
      assertThat(updated.statusCode()).as(name).isEqualTo(400);
      assertThat(updated.body()).isEqualTo(refused);
    }
    assertThat(op.storage.clients().findById("sneaky")).isEmpty();
    assertThat(op.storage.clients().findById("test-client").orElseThrow().name())
        .isEqualTo("Test App test-client");
  }

  @Test
  void listThenPocketIdPaginationShape() {
    HttpResponse<String> response = call("GET", "/api/oidc/clients?pagination[limit]=10", null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response);
    assertThat(body.getJsonArray("data")).hasSize(1);
    assertThat(body.getJsonArray("data").getJsonObject(0).getInt("allowedUserGroupsCount"))
        .isZero();
    JsonObject pagination = body.getJsonObject("pagination");
    assertThat(pagination.getInt("totalPages")).isEqualTo(1);
    assertThat(pagination.getInt("totalItems")).isEqualTo(1);
    assertThat(pagination.getInt("currentPage")).isEqualTo(1);
    assertThat(pagination.getInt("itemsPerPage")).isEqualTo(10);
  }

  @Test
  void getUpdateAndDeleteThenChangesApplied() {
    assertThat(json(call("GET", "/api/oidc/clients/test-client", null)).getString("name"))
        .isEqualTo("Test App test-client");

    HttpResponse<String> updated =
        call(
            "PUT",
            "/api/oidc/clients/test-client",
            "{\"name\":\"Renamed\",\"callbackURLs\":[\"https://rp.example/cb\"],\"isPublic\":true}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json(updated).getBoolean("isPublic")).isTrue();
    assertThat(json(updated).getBoolean("pkceEnabled")).isTrue();

    assertThat(call("DELETE", "/api/oidc/clients/test-client", null).statusCode()).isEqualTo(204);
    assertThat(call("GET", "/api/oidc/clients/test-client", null).statusCode()).isEqualTo(404);
  }

  @Test
  void createSecretThen32AlphanumericShownOnceAndStoredAsSha256() {
    HttpResponse<String> response = call("POST", "/api/oidc/clients/test-client/secret", null);

    String secret = json(response).getString("secret");
    assertThat(secret).matches("[A-Za-z0-9]{32}");
    String hash = op.storage.clients().findById("test-client").orElseThrow().secretHash();
    assertThat(hash).startsWith("$sha256$"); // 32 alphanumeric: 190.5 bits, no slow hash needed
    assertThat(new ClientSecrets().verify(secret, hash)).isTrue();
  }

  @Test
  void setAllowedUserGroupsThenListedOnTheClient() {
    op.storage
        .groups()
        .create(
            new UserGroup(
                "g1", Instant.now().truncatedTo(ChronoUnit.MILLIS), "Staff", "staff", null));

    HttpResponse<String> response =
        call(
            "PUT",
            "/api/oidc/clients/test-client/allowed-user-groups",
            "{\"userGroupIds\":[\"g1\"]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            json(call("GET", "/api/oidc/clients/test-client", null))
                .getJsonArray("allowedUserGroups")
                .getJsonObject(0)
                .getString("name"))
        .isEqualTo("staff");
  }

  @Test
  void metaWithoutAuthenticationThenPublicFields() {
    HttpResponse<String> response = op.get("/api/oidc/clients/test-client/meta");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).keySet())
        .containsExactly(
            "id", "name", "hasLogo", "hasDarkLogo", "launchURL", "requiresReauthentication");
  }

  @Test
  void listAsNonAdminSessionThen403AndAnonymousThen401() {
    HttpResponse<String> asAlice =
        op.json("GET", "/api/oidc/clients", null, "Cookie", op.sessionCookie(op.alice));
    assertThat(asAlice.statusCode()).isEqualTo(403);
    assertThat(json(asAlice).getString("error"))
        .isEqualTo("You don't have permission to perform this action");

    assertThat(op.get("/api/oidc/clients").statusCode()).isEqualTo(401);
  }

  @Test
  void createAsAdminSessionThen201() {
    HttpResponse<String> response =
        op.json(
            "POST",
            "/api/oidc/clients",
            "{\"name\":\"Via session\"}",
            "Cookie",
            op.sessionCookie(op.admin));

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void previewShowsTheClaimsTheClientWouldGetAndChecksItsInput() {
    String path = "/api/oidc/clients/" + OidcTestServer.CLIENT_ID + "/preview/" + op.alice.id();
    assertThat(op.json("GET", path + "?scopes=openid", null).statusCode()).isEqualTo(401);
    assertThat(
            op.json("GET", path + "?scopes=openid", null, "Cookie", op.sessionCookie(op.alice))
                .statusCode())
        .isEqualTo(403);

    HttpResponse<String> preview = call("GET", path + "?scopes=openid%20profile%20email", null);
    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    JsonObject body = json(preview);
    JsonObject idToken = body.getJsonObject("idToken");
    assertThat(idToken.getString("sub")).isEqualTo(op.alice.id());
    assertThat(idToken.getString("aud")).isEqualTo(OidcTestServer.CLIENT_ID);
    assertThat(idToken.getString("preferred_username")).isEqualTo(op.alice.username());
    assertThat(idToken.containsKey("nonce")).isFalse();
    JsonObject accessToken = body.getJsonObject("accessToken");
    assertThat(accessToken.getString("scope")).isEqualTo("openid profile email");
    assertThat(accessToken.getString("client_id")).isEqualTo(OidcTestServer.CLIENT_ID);
    JsonObject userInfo = body.getJsonObject("userInfo");
    assertThat(userInfo.getString("email")).isEqualTo(op.alice.email());
    assertThat(userInfo.containsKey("iss")).isFalse();

    HttpResponse<String> onlyOpenid = call("GET", path + "?scopes=openid", null);
    assertThat(json(onlyOpenid).getJsonObject("userInfo").keySet()).containsExactly("sub");

    HttpResponse<String> badScope = call("GET", path + "?scopes=openid%20admin", null);
    assertThat(badScope.statusCode()).isEqualTo(400);
    assertThat(json(badScope).getString("error")).isEqualTo("Scopes: not supported: admin");
    HttpResponse<String> noUser =
        call("GET", "/api/oidc/clients/" + OidcTestServer.CLIENT_ID + "/preview/nobody", null);
    assertThat(noUser.statusCode()).isEqualTo(404);
    assertThat(json(noUser).getString("error")).isEqualTo("User not found");
    assertThat(call("GET", "/api/oidc/clients/nope/preview/" + op.alice.id(), null).statusCode())
        .isEqualTo(404);

    HttpResponse<String> group = call("POST", "/api/user-groups", "{\"friendlyName\":\"Ops\"}");
    String groupId = json(group).getString("id");
    call(
        "PUT",
        "/api/oidc/clients/" + OidcTestServer.CLIENT_ID + "/allowed-user-groups",
        "{\"userGroupIds\":[\"" + groupId + "\"]}");
    HttpResponse<String> outside = call("GET", path + "?scopes=openid", null);
    assertThat(outside.statusCode()).isEqualTo(403);
    assertThat(json(outside).getString("error"))
        .isEqualTo("The user is not in a group that may use this client");
  }

  @Test
  void listFiltersAndSortsByAllowedGroupCount() {
    call(
        "POST",
        "/api/oidc/clients",
        "{\"id\":\"strict\",\"name\":\"Strict\",\"callbackURLs\":[\"https://s.example/cb\"],"
            + "\"pkceEnabled\":true,\"requiresReauthentication\":true}");
    HttpResponse<String> reauth =
        call("GET", "/api/oidc/clients?filters%5BrequiresReauthentication%5D=true", null);
    assertThat(reauth.statusCode()).isEqualTo(200);
    assertThat(json(reauth).getJsonArray("data")).hasSize(1);
    assertThat(json(reauth).getJsonArray("data").getJsonObject(0).getString("id"))
        .isEqualTo("strict");
    HttpResponse<String> noPkce =
        call("GET", "/api/oidc/clients?filters%5BpkceEnabled%5D=false", null);
    assertThat(noPkce.body()).doesNotContain("\"strict\"").contains(OidcTestServer.CLIENT_ID);
    HttpResponse<String> group = call("POST", "/api/user-groups", "{\"friendlyName\":\"Ops\"}");
    call(
        "PUT",
        "/api/oidc/clients/strict/allowed-user-groups",
        "{\"userGroupIds\":[\"" + json(group).getString("id") + "\"]}");
    HttpResponse<String> sorted =
        call(
            "GET",
            "/api/oidc/clients?sort%5Bcolumn%5D=allowedUserGroupsCount&sort%5Bdirection%5D=desc",
            null);
    assertThat(json(sorted).getJsonArray("data").getJsonObject(0).getString("id"))
        .isEqualTo("strict");
    assertThat(json(sorted).getJsonArray("data").getJsonObject(0).getInt("allowedUserGroupsCount"))
        .isEqualTo(1);
    HttpResponse<String> bad = call("GET", "/api/oidc/clients?filters%5BpkceEnabled%5D=yes", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).getString("error"))
        .isEqualTo("filters[pkceEnabled] must be true or false");
  }
}
