package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.Consent;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.contract.Fixtures;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** My Apps ({@code /api/oidc/users/...}) and the audit log ({@code /api/audit-logs}). */
class MyAppsAndAuditLogHttpTest {
  @TempDir Path dir;
  private OidcTestServer op;
  private String[] alice;
  private String[] apiKey;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
    alice = new String[] {"Cookie", op.sessionCookie(op.alice)};
    apiKey = new String[] {"X-API-KEY", op.adminApiKey};
  }

  @AfterEach
  void stop() {
    op.close();
  }

  private static JsonObject json(HttpResponse<String> response) {
    return ProtocolEndpointsHttpTest.json(response);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void authorizedClientsListAndRevokeRemovesConsentAndRefreshTokens() {
    Instant used = now();
    op.storage
        .consents()
        .upsert(new Consent(op.alice.id(), OidcTestServer.CLIENT_ID, "openid email", used));
    op.storage
        .refreshTokens()
        .save(
            Fixtures.refreshToken(
                "rt", "fam", op.alice.id(), OidcTestServer.CLIENT_ID, used.plusSeconds(600)));

    HttpResponse<String> list = op.get("/api/oidc/users/me/authorized-clients", alice);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonObject item = json(list).getJsonArray("data").getJsonObject(0);
    assertThat(item.getString("scope")).isEqualTo("openid email");
    assertThat(item.getJsonObject("client").getString("id")).isEqualTo(OidcTestServer.CLIENT_ID);
    assertThat(item.getString("lastUsedAt")).isEqualTo(used.toString());

    HttpResponse<String> asAdmin =
        op.get("/api/oidc/users/" + op.alice.id() + "/authorized-clients", apiKey);
    assertThat(json(asAdmin).getJsonArray("data")).hasSize(1);
    assertThat(
            op.get("/api/oidc/users/" + op.admin.id() + "/authorized-clients", alice).statusCode())
        .isEqualTo(403);
    assertThat(op.get("/api/oidc/users/nope/authorized-clients", apiKey).statusCode())
        .isEqualTo(404);

    HttpResponse<String> revoked =
        op.json(
            "DELETE",
            "/api/oidc/users/me/authorized-clients/" + OidcTestServer.CLIENT_ID,
            null,
            alice);
    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(op.storage.consents().find(op.alice.id(), OidcTestServer.CLIENT_ID)).isEmpty();
    assertThat(op.storage.refreshTokens().findByHash(Fixtures.hash("rt"))).isEmpty();
    assertThat(
            op.json(
                    "DELETE",
                    "/api/oidc/users/me/authorized-clients/" + OidcTestServer.CLIENT_ID,
                    null,
                    alice)
                .statusCode())
        .isEqualTo(404);
    assertThat(op.get("/api/oidc/users/me/authorized-clients").statusCode()).isEqualTo(401);
  }

  @Test
  void myClientsAreTheUnrestrictedAndTheGroupAllowedOnesWithLastUse() {
    UserGroup devs = Fixtures.group("devs");
    op.storage.groups().create(devs);
    op.storage
        .clients()
        .create(OidcTestServer.client("devs-only", List.of("https://d.example/cb"), false));
    op.storage
        .clients()
        .create(OidcTestServer.client("ops-only", List.of("https://o.example/cb"), false));
    UserGroup ops = Fixtures.group("ops");
    op.storage.groups().create(ops);
    op.storage.clients().setAllowedGroups("devs-only", List.of(devs.id()));
    op.storage.clients().setAllowedGroups("ops-only", List.of(ops.id()));
    op.storage.groups().setMembers(devs.id(), List.of(op.alice.id()));
    Instant used = now();
    op.storage
        .consents()
        .upsert(new Consent(op.alice.id(), OidcTestServer.CLIENT_ID, "openid", used));

    HttpResponse<String> response =
        op.get("/api/oidc/users/me/clients?sort[column]=name&sort[direction]=asc", alice);

    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonObject> data = json(response).getJsonArray("data").getValuesAs(JsonObject.class);
    assertThat(data).extracting(o -> o.getString("id")).containsExactly("devs-only", "test-client");
    assertThat(data.get(0).isNull("lastUsedAt")).isTrue();
    assertThat(data.get(1).getString("lastUsedAt")).isEqualTo(used.toString());
    assertThat(data.get(1).getBoolean("hasLogo")).isFalse();
    assertThat(data.get(1).containsKey("launchURL")).isTrue();
  }

  private void event(String name, String event, String userId, String country, String client) {
    op.storage
        .auditLog()
        .append(
            new AuditEvent(
                Fixtures.id(name),
                now(),
                event,
                "192.0.2.1",
                "curl/8",
                userId,
                country,
                null,
                client == null ? Map.of() : Map.of("clientName", client)));
  }

  @Test
  void auditLogOwnAndAllWithFiltersAndFilterValues() {
    event("a", "SIGN_IN", op.alice.id(), "Internal Network", null);
    event("b", "CLIENT_AUTHORIZATION", op.alice.id(), "CH", "Grafana");
    event("c", "CLIENT_AUTHORIZATION", op.admin.id(), null, "Immich");

    HttpResponse<String> own = op.get("/api/audit-logs", alice);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(json(own).getJsonObject("pagination").getInt("totalItems")).isEqualTo(2);
    assertThat(json(own).getJsonArray("data").getJsonObject(0).getString("userID"))
        .isEqualTo(op.alice.id());

    assertThat(op.get("/api/audit-logs/all", alice).statusCode()).isEqualTo(403);
    assertThat(op.get("/api/audit-logs/all").statusCode()).isEqualTo(401);
    JsonObject all = json(op.get("/api/audit-logs/all", apiKey));
    assertThat(all.getJsonObject("pagination").getInt("totalItems")).isEqualTo(3);

    String base = "/api/audit-logs/all?";
    assertThat(total(base + "filters[userId]=" + op.admin.id())).isEqualTo(1);
    assertThat(total(base + "filters[event]=CLIENT_AUTHORIZATION")).isEqualTo(2);
    assertThat(total(base + "filters[clientName]=Grafana")).isEqualTo(1);
    assertThat(total(base + "filters[location]=internal")).isEqualTo(1);
    assertThat(total(base + "filters[location]=external")).isEqualTo(2);
    JsonObject filtered =
        json(
            op.get(
                base + "filters[userId]=" + op.alice.id() + "&filters[clientName]=Grafana",
                apiKey));
    assertThat(filtered.getJsonArray("data").getJsonObject(0).getString("username"))
        .isEqualTo("alice");
    HttpResponse<String> badLocation = op.get(base + "filters[location]=mars", apiKey);
    assertThat(badLocation.statusCode()).isEqualTo(400);

    JsonObject paged =
        json(op.get(base + "pagination[limit]=2&sort[column]=event&sort[direction]=asc", apiKey));
    assertThat(paged.getJsonArray("data")).hasSize(2);
    assertThat(paged.getJsonObject("pagination").getInt("totalPages")).isEqualTo(2);

    HttpResponse<String> names = op.get("/api/audit-logs/filters/client-names", apiKey);
    assertThat(names.body()).isEqualTo("[\"Grafana\",\"Immich\"]");
    HttpResponse<String> users = op.get("/api/audit-logs/filters/users", apiKey);
    assertThat(json(users).getString(op.alice.id())).isEqualTo("alice");
    assertThat(json(users).getString(op.admin.id())).isEqualTo("ada");
    assertThat(op.get("/api/audit-logs/filters/users", alice).statusCode()).isEqualTo(403);
  }

  private int total(String path) {
    HttpResponse<String> response = op.get(path, apiKey);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).getJsonObject("pagination").getInt("totalItems");
  }
}
