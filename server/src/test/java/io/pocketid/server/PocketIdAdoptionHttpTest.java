package io.pocketid.server;

import static io.pocketid.storage.jdbc.PocketIdV115Database.row;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.oidc.keys.KeyEncryption;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import io.pocketid.server.config.DatabaseSettings;
import io.pocketid.server.config.KeySettings;
import io.pocketid.server.config.KeysStorage;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.storage.jdbc.PocketIdV115Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server started on a Pocket ID v1.15 SQLite database and key directory, unchanged: the old
 * signing key (each of Pocket ID's three places for it), the old client secret, the old refresh
 * token, an ID token Pocket ID issued and an API key keep working.
 */
class PocketIdAdoptionHttpTest {
  static final String APP_URL = "http://localhost:1411";
  static final String TIM = "f4b89dc2-62fb-46bf-9f5f-c34f4eafe93e";
  static final String CLIENT = "3654a746-35d4-4321-ac61-0bdcff2b4055";
  static final String SECRET = "w2mUeZISmEvIDMEDvpY0PnxQIpj1m3zY";
  static final String INSTANCE_ID = "5d1a1b3c-2f4e-4b6a-9c8d-7e6f5a4b3c2d";
  static final String API_KEY = "pocket-id-api-key-0123456789abcdef";
  static final byte[] ENCRYPTION_KEY =
      "an-encryption-key-of-32-bytes!!!".getBytes(StandardCharsets.UTF_8);

  /** Where Pocket ID kept its signing key. */
  enum KeyPlace {
    /** {@code KEYS_PATH/jwt_private_key.json}, no ENCRYPTION_KEY. */
    PLAIN_FILE,
    /** {@code KEYS_PATH/jwt_private_key.json.enc}, encrypted with the key and the instance id. */
    ENCRYPTED_FILE,
    /** {@code KEYS_STORAGE=database}: the {@code kv} row, encrypted the same way. */
    DATABASE_ROW
  }

  @TempDir Path dir;
  private PocketIdServer server;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private String postgres;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (postgres != null) {
      PostgresTestSchemas.drop(postgres);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyPlace.class)
  void startWhenPocketIdV115ThenOldKeyTokensSecretsAndApiKeysKeepWorking(KeyPlace place)
      throws Exception {
    keepWorking(PocketIdV115Database.sqlite(dir.resolve("pocket-id.db")), place);
  }

  @Test
  void startWhenPocketIdV115OnPostgresThenOldKeyTokensSecretsAndApiKeysKeepWorking()
      throws Exception {
    PostgresTestSchemas.assumeReachable();
    postgres = PostgresTestSchemas.newConnectionString();
    String schema = postgres.substring(postgres.indexOf("search_path=") + "search_path=".length());
    keepWorking(PocketIdV115Database.postgres(schema), KeyPlace.ENCRYPTED_FILE);
  }

  private void keepWorking(PocketIdV115Database db, KeyPlace place) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    seed(db, now);
    String oldJwk = KeyRing.generate(SigningAlgorithm.RS256);
    placeKey(db, place, oldJwk);
    KeyRing old = KeyRing.of(List.of(oldJwk), KeyRing.kidOf(oldJwk));
    String rt = "Xq2k9Lw1pZt7vB3nM8cR4sD6fG0hJ5yU1iO9aE2w";
    db.insert(
        "oidc_refresh_tokens",
        row(
            "id",
            "aa3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "created_at",
            now,
            "token",
            TokenHasher.hash(rt),
            "expires_at",
            now.plus(Duration.ofDays(30)),
            "scope",
            "openid profile email",
            "user_id",
            TIM,
            "client_id",
            CLIENT));
    String oldRefreshToken =
        old.sign(
            Map.of(
                "sub",
                TIM,
                "iss",
                APP_URL,
                "aud",
                List.of(CLIENT),
                "iat",
                now.getEpochSecond(),
                "exp",
                now.plus(Duration.ofDays(30)).getEpochSecond(),
                "type",
                "refresh-token",
                "rt",
                rt),
            "JWT");
    String oldIdToken =
        old.sign(
            Map.of(
                "sub",
                TIM,
                "iss",
                APP_URL,
                "aud",
                List.of(CLIENT),
                "iat",
                now.getEpochSecond(),
                "exp",
                now.plus(Duration.ofHours(1)).getEpochSecond(),
                "type",
                "id-token",
                "email",
                "tim@example.com"),
            "JWT");

    start(place, db);

    // The old key is published and still verifies what Pocket ID signed.
    JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json").body());
    RSAKey published = (RSAKey) jwks.getKeyByKeyId(KeyRing.kidOf(oldJwk));
    assertThat(published).isNotNull();
    assertThat(SignedJWT.parse(oldIdToken).verify(new RSASSAVerifier(published))).isTrue();

    // The old bcrypt client secret gets a token.
    HttpResponse<String> cc = token("grant_type=client_credentials");
    assertThat(cc.statusCode()).as(cc.body()).isEqualTo(200);
    assertThat(cc.body()).contains("\"access_token\"");

    // The relying party's next refresh with Pocket ID's refresh token succeeds and is rotated.
    HttpResponse<String> refreshed =
        token("grant_type=refresh_token&refresh_token=" + oldRefreshToken);
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    assertThat(refreshed.body()).contains("\"refresh_token\"").contains("\"id_token\"");
    String idToken = jsonString(refreshed.body(), "id_token");
    assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getSubject()).isEqualTo(TIM);
    HttpResponse<String> reused =
        token("grant_type=refresh_token&refresh_token=" + oldRefreshToken);
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(reused.body()).contains("invalid_grant");

    // The API key (stored by Pocket ID as its SHA-256) still acts as its owner.
    HttpResponse<String> me =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/users/me"))
                .header("X-API-KEY", API_KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(me.body()).contains(TIM).contains("\"username\":\"tim\"");
  }

  private void seed(PocketIdV115Database db, Instant now) {
    db.insertUser(TIM, "tim", "tim@example.com", now);
    db.insert(
        "oidc_clients",
        row(
            "id",
            CLIENT,
            "created_at",
            now,
            "name",
            "Nextcloud",
            "secret",
            BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(10, SECRET.toCharArray()),
            "callback_urls",
            "[\"http://nextcloud/auth/callback\"]",
            "logout_callback_urls",
            "[]",
            "is_public",
            false,
            "pkce_enabled",
            false,
            "credentials",
            "{\"federatedIdentities\":[]}",
            "requires_reauthentication",
            false));
    db.insert(
        "user_authorized_oidc_clients",
        row(
            "scope",
            "openid profile email",
            "user_id",
            TIM,
            "client_id",
            CLIENT,
            "last_used_at",
            now));
    db.insert(
        "api_keys",
        row(
            "id",
            "dd3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
            "name",
            "script",
            "key",
            TokenHasher.hash(API_KEY),
            "expires_at",
            now.plus(Duration.ofDays(10)),
            "created_at",
            now,
            "user_id",
            TIM,
            "expiration_email_sent",
            false));
    db.insert("app_config_variables", row("key", "instanceId", "value", INSTANCE_ID));
  }

  private void placeKey(PocketIdV115Database db, KeyPlace place, String jwk) throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    String encrypted =
        new KeyEncryption(ENCRYPTION_KEY, INSTANCE_ID)
            .encrypt(jwk.getBytes(StandardCharsets.UTF_8));
    switch (place) {
      case PLAIN_FILE -> Files.writeString(keys.resolve("jwt_private_key.json"), jwk);
      case ENCRYPTED_FILE -> Files.writeString(keys.resolve("jwt_private_key.json.enc"), encrypted);
      case DATABASE_ROW -> db.insert("kv", row("key", "jwt_private_key.json", "value", encrypted));
    }
  }

  private void start(KeyPlace place, PocketIdV115Database db) {
    ServerSettings base = TestSettings.under(dir);
    ServerSettings settings =
        new ServerSettings(
            base.appEnv(),
            base.http(),
            new DatabaseSettings(db.settings()),
            base.paths(),
            new KeySettings(
                place == KeyPlace.DATABASE_ROW ? KeysStorage.DATABASE : KeysStorage.FILE,
                place == KeyPlace.PLAIN_FILE ? null : ENCRYPTION_KEY),
            base.geo(),
            base.log(),
            base.observability(),
            base.appConfig());
    server = PocketIdServer.builder().settings(settings).appUrl(APP_URL).port(0).build();
    server.start();
    server.ready().join();
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> token(String form) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + "/api/oidc/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String jsonString(String json, String name) {
    int i = json.indexOf("\"" + name + "\":\"");
    int start = i + name.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }
}
