package io.pocketid.server.internal.oidc;

import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_ID;
import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_SECRET;
import static io.pocketid.server.internal.oidc.OidcTestServer.REDIRECT;
import static io.pocketid.server.internal.oidc.OidcTestServer.basic;
import static io.pocketid.server.internal.oidc.OidcTestServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, JWKS, token, userinfo, introspection, revocation over HTTP, bad input included. */
class ProtocolEndpointsHttpTest {
  @TempDir Path dir;
  private OidcTestServer op;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
  }

  @AfterEach
  void stop() {
    op.close();
  }

  static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  @Test
  void discoveryWhenRequestedThenPocketIdPathsCorsAndPublicCache() {
    HttpResponse<String> response = op.get("/.well-known/openid-configuration");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject doc = json(response);
    assertThat(doc.getString("issuer")).isEqualTo("http://localhost:1411");
    assertThat(doc.getString("token_endpoint")).isEqualTo("http://localhost:1411/api/oidc/token");
    assertThat(doc.getString("jwks_uri")).isEqualTo("http://localhost:1411/.well-known/jwks.json");
    assertThat(doc.getJsonArray("id_token_signing_alg_values_supported").getString(0))
        .isEqualTo("RS256");
    assertThat(response.headers().firstValue("cache-control")).hasValue("public, max-age=300");
    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(op.get("/.well-known/oauth-authorization-server").body()).isEqualTo(response.body());
  }

  @Test
  void discoveryWhenRequestedThenEveryAdvertisedEndpointIsRouted() {
    JsonObject doc = json(op.get("/.well-known/openid-configuration"));
    for (String key : doc.keySet()) {
      if (!key.endsWith("_endpoint") && !key.equals("jwks_uri")) {
        continue;
      }
      String path = java.net.URI.create(doc.getString(key)).getPath();
      int get = op.get(path).statusCode();
      int post = op.postForm(path, "").statusCode();
      assertThat(get != 404 || post != 404).as(key + " " + path + " is routed").isTrue();
    }
  }

  @Test
  void discoveryAndJwksCarryAnEtagAndRevalidateWith304() {
    for (String path :
        new String[] {"/.well-known/openid-configuration", "/.well-known/jwks.json"}) {
      HttpResponse<String> first = op.get(path);
      String etag = first.headers().firstValue("etag").orElseThrow();
      assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]{22}\"");
      assertThat(op.get(path).headers().firstValue("etag")).hasValue(etag);

      HttpResponse<String> revalidated = op.get(path, "If-None-Match", "W/\"x\", " + etag);
      assertThat(revalidated.statusCode()).as(path).isEqualTo(304);
      assertThat(revalidated.body()).isEmpty();
      assertThat(revalidated.headers().firstValue("etag")).hasValue(etag);

      HttpResponse<String> changed = op.get(path, "If-None-Match", "\"another\"");
      assertThat(changed.statusCode()).as(path).isEqualTo(200);
      assertThat(changed.body()).isEqualTo(first.body());
    }
  }

  @Test
  void jwksWhenRequestedThenOnePublicRsaKeyWithoutPrivateParts() {
    HttpResponse<String> response = op.get("/.well-known/jwks.json");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject key = json(response).getJsonArray("keys").getJsonObject(0);
    assertThat(key.getString("kty")).isEqualTo("RSA");
    assertThat(key.getString("alg")).isEqualTo("RS256");
    assertThat(key.containsKey("d")).isFalse();
    assertThat(key.getString("kid")).hasSize(11);
  }

  @Test
  void preflightOnProtocolEndpointsIncludingEndSessionThen204WithCors() {
    for (String path :
        new String[] {
          "/api/oidc/token",
          "/api/oidc/userinfo",
          "/api/oidc/introspect",
          "/api/oidc/revoke",
          "/api/oidc/end-session",
          "/.well-known/jwks.json",
          "/.well-known/openid-configuration"
        }) {
      HttpResponse<String> response =
          op.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(op.base + path))
                  .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
      assertThat(response.statusCode()).as(path).isEqualTo(204);
      assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
      assertThat(response.headers().firstValue("access-control-allow-headers"))
          .hasValue("Authorization");
      assertThat(response.headers().firstValue("access-control-allow-methods"))
          .hasValue("GET, POST");
    }
  }

  @Test
  void tokenClientCredentialsWithBasicThenBearerTokenAndNoStore() {
    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/token",
            form("grant_type", "client_credentials"),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).getString("token_type")).isEqualToIgnoringCase("Bearer");
    assertThat(json(response).getString("access_token")).contains(".");
    assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(response.headers().firstValue("pragma")).hasValue("no-cache");
    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
  }

  @Test
  void tokenWithWrongSecretViaBasicThen401InvalidClientWithWwwAuthenticate() {
    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/token",
            form("grant_type", "client_credentials"),
            "Authorization",
            basic(CLIENT_ID, "wrong"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).getString("error")).isEqualTo("invalid_client");
    assertThat(response.headers().firstValue("www-authenticate")).isPresent();
  }

  @Test
  void tokenWithUnknownClientThenInvalidClient() {
    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/token",
            form("grant_type", "client_credentials", "client_id", "nobody", "client_secret", "x"));

    assertThat(json(response).getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void tokenWithoutGrantTypeThenInvalidRequest() {
    HttpResponse<String> response =
        op.postForm("/api/oidc/token", "", "Authorization", basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).getString("error")).isEqualTo("invalid_request");
    assertThat(json(response).getString("error_description")).isNotBlank();
  }

  @Test
  void tokenWithRepeatedParameterThenInvalidRequest() {
    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/token",
            "grant_type=client_credentials&grant_type=client_credentials",
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).getString("error")).isEqualTo("invalid_request");
    assertThat(json(response).getString("error_description")).contains("repeated");
  }

  @Test
  void tokenWithOversizedBodyThen413InvalidRequestAndNothingStored() {
    String big = "grant_type=client_credentials&x=" + "a".repeat(70_000);
    HttpResponse<String> response =
        op.postForm("/api/oidc/token", big, "Authorization", basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).getString("error")).isEqualTo("invalid_request");
  }

  @Test
  void tokenWithJsonBodyThenInvalidRequest() {
    HttpResponse<String> response =
        op.json(
            "POST",
            "/api/oidc/token",
            "{\"grant_type\":\"client_credentials\"}",
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).getString("error")).isEqualTo("invalid_request");
  }

  @Test
  void tokenWithUnknownCodeThenInvalidGrant() {
    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/token",
            form("grant_type", "authorization_code", "code", "nope", "redirect_uri", REDIRECT),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).getString("error")).isEqualTo("invalid_grant");
  }

  @Test
  void userinfoWithTamperedTokenThen401InvalidTokenWithBearerChallenge() {
    String token = clientCredentialsToken();
    String[] parts = token.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "x." + parts[2];

    HttpResponse<String> response =
        op.get("/api/oidc/userinfo", "Authorization", "Bearer " + tampered);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("www-authenticate").orElse("")).startsWith("Bearer");
  }

  @Test
  void userinfoWithoutTokenThen401() {
    assertThat(op.get("/api/oidc/userinfo").statusCode()).isEqualTo(401);
  }

  @Test
  void introspectWithClientCredentialsTokenThenActive() {
    String token = clientCredentialsToken();

    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/introspect",
            form("token", token),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).getBoolean("active")).isTrue();
  }

  @Test
  void introspectWithGarbageTokenThenInactive() {
    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/introspect",
            form("token", "garbage"),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).getBoolean("active")).isFalse();
  }

  @Test
  void introspectWithoutClientAuthenticationThenInvalidClient() {
    HttpResponse<String> response = op.postForm("/api/oidc/introspect", form("token", "garbage"));

    assertThat(response.statusCode()).isIn(400, 401);
    assertThat(json(response).getString("error")).isEqualTo("invalid_client");
  }

  @Test
  void revokeWithARefreshTokenOfTheCallerThenFamilyDeletedAndAudited() {
    String raw = "refresh-token-for-the-revocation-test-0123456789";
    java.time.Instant now = java.time.Instant.now();
    op.storage()
        .refreshTokens()
        .save(
            new io.pocketid.core.model.RefreshToken(
                "rt-1",
                io.pocketid.core.security.TokenHasher.hash(raw),
                "family-1",
                now,
                now.plusSeconds(3600),
                op.alice.id(),
                CLIENT_ID,
                "openid",
                false,
                null,
                now));

    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/revoke",
            form("token", raw),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            op.storage()
                .refreshTokens()
                .findByHash(io.pocketid.core.security.TokenHasher.hash(raw)))
        .isEmpty();
    assertThat(
            op.storage()
                .auditLog()
                .list(null, io.pocketid.core.store.PageRequest.of(1, 50))
                .items())
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo("TOKEN_REVOKED");
              assertThat(e.data().get("clientName")).isNotBlank();
            });
  }

  @Test
  void revokeWithUnknownTokenThen200EmptyBody() {
    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/revoke",
            form("token", "whatever"),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void deviceAuthorizeThenUserCodeAndVerificationUris() {
    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/device/authorize",
            form("scope", "openid profile"),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response);
    assertThat(body.getString("verification_uri")).isEqualTo("http://localhost:1411/device");
    assertThat(body.getString("verification_uri_complete")).contains("/device?code=");
    assertThat(body.getString("user_code")).matches("[A-Z]{4}-[A-Z]{4}");
  }

  private String clientCredentialsToken() {
    return json(op.postForm(
            "/api/oidc/token",
            form("grant_type", "client_credentials"),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET)))
        .getString("access_token");
  }
}
