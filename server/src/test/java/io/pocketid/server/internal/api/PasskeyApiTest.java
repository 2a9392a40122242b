package io.pocketid.server.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Storage;
import io.pocketid.server.PocketIdServer;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import io.pocketid.webauthn.SoftwareAuthenticator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passkey and account JSON API over HTTP against the real server on SQLite, with a software
 * authenticator: happy paths, bad input (clear 4xx, nothing stored), cross-site refusal, rate
 * limits, CSRF on the logout form, and the audit trail.
 */
class PasskeyApiTest {
  private static final String SETUP =
      "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}";

  @TempDir Path data;
  private Storage storage;
  private PocketIdServer server;
  private String base;
  private Client browser;
  private SoftwareAuthenticator authenticator;

  @BeforeEach
  void start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://localhost:" + port;
    storage =
        JdbcStorage.open(ConnectionStrings.parse("sqlite", data.resolve("db.sqlite").toString()));
    server =
        PocketIdServer.builder()
            .port(port)
            .host("127.0.0.1")
            .appUrl(base)
            .dataDirectory(data)
            .storage(storage)
            .build();
    server.start();
    server.ready().join();
    browser = new Client(base);
    authenticator = new SoftwareAuthenticator(base, "localhost");
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private void setUpAndRegister(Client client) throws Exception {
    assertThat(client.json("POST", "/api/signup/setup", SETUP).statusCode()).isEqualTo(200);
    HttpResponse<String> options = client.get("/api/webauthn/register/start");
    assertThat(options.statusCode()).isEqualTo(200);
    HttpResponse<String> finish =
        client.json(
            "POST", "/api/webauthn/register/finish", authenticator.register(options.body()));
    assertThat(finish.statusCode()).as(finish.body()).isEqualTo(200);
  }

  private HttpResponse<String> signIn(Client client) throws Exception {
    HttpResponse<String> options = client.get("/api/webauthn/login/start");
    return client.json(
        "POST", "/api/webauthn/login/finish", authenticator.authenticate(options.body()));
  }

  private List<String> auditEvents() {
    return storage.auditLog().list(null, PageRequest.of(1, 100)).items().stream()
        .map(AuditEvent::event)
        .toList();
  }

  private User ada() {
    return storage.users().findByUsername("ada").orElseThrow();
  }

  @Test
  void setupRegisterSignOutSignInWhenAllValidThenSessionFollowsEachStep() throws Exception {
    setUpAndRegister(browser);
    assertThat(browser.cookie("access_token")).isNotBlank();
    assertThat(browser.get("/api/users/me").body()).contains("\"username\":\"ada\"");
    HttpResponse<String> list = browser.get("/api/webauthn/credentials");
    assertThat(list.body()).contains("\"name\":\"New Passkey\"").contains("\"credentialID\"");

    assertThat(browser.json("POST", "/api/webauthn/logout", null).statusCode()).isEqualTo(204);
    HttpResponse<String> after = browser.get("/api/users/me");
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).isEqualTo("{\"error\":\"You are not signed in\"}");

    HttpResponse<String> signedIn = signIn(browser);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    assertThat(signedIn.body()).contains("\"isAdmin\":true");
    assertThat(browser.get("/api/users/me").statusCode()).isEqualTo(200);
    assertThat(auditEvents()).contains("ACCOUNT_CREATED", "PASSKEY_ADDED", "SIGN_OUT", "SIGN_IN");
  }

  @Test
  void sessionCookieWhenHttpAppUrlThenHttpOnlyLaxAndNotStoredInPlain() throws Exception {
    HttpResponse<String> setup = browser.json("POST", "/api/signup/setup", SETUP);
    String setCookie =
        setup.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("access_token="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie)
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .doesNotContain("Secure");
    String value = browser.cookie("access_token");
    assertThat(storage.sessions().findActive(TokenHasher.hash(value), Instant.now())).isPresent();
    assertThat(storage.sessions().findActive(value, Instant.now())).isEmpty();
  }

  @Test
  void loginFinishWhenCeremonyCookieMissingOrResponseMalformedThenClear400() throws Exception {
    setUpAndRegister(browser);
    Client stranger = new Client(base);
    HttpResponse<String> noCookie =
        stranger.json("POST", "/api/webauthn/login/finish", "{\"id\":\"x\"}");
    assertThat(noCookie.statusCode()).isEqualTo(400);
    assertThat(noCookie.body()).contains("Missing session id");

    stranger.get("/api/webauthn/login/start");
    HttpResponse<String> malformed =
        stranger.json("POST", "/api/webauthn/login/finish", "{not json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("MALFORMED_RESPONSE");
    assertThat(stranger.cookie("access_token")).isNull();
    assertThat(auditEvents()).contains("SIGN_IN_FAILED");
  }

  @Test
  void registerFinishWhenSameAuthenticatorAgainThenRefusedAndNothingStored() throws Exception {
    setUpAndRegister(browser);
    HttpResponse<String> options = browser.get("/api/webauthn/register/start");
    HttpResponse<String> again =
        browser.json(
            "POST", "/api/webauthn/register/finish", authenticator.register(options.body()));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("This passkey is already registered.");
    assertThat(storage.passkeys().listForUser(ada().id())).hasSize(1);
  }

  @Test
  void renameWhenBadInputThenClear400AndNameUnchanged() throws Exception {
    setUpAndRegister(browser);
    String id = storage.passkeys().listForUser(ada().id()).get(0).id();
    String path = "/api/webauthn/credentials/" + id;
    assertThat(browser.json("PATCH", path, "{\"name\":\"\"}").body()).contains("Name is required");
    HttpResponse<String> wrongType = browser.json("PATCH", path, "{\"name\":5}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(wrongType.body()).contains("name must be a string");
    assertThat(browser.json("PATCH", path, "{\"name\":").statusCode()).isEqualTo(400);
    assertThat(browser.json("PATCH", path, "{\"name\":\"" + "x".repeat(51) + "\"}").body())
        .contains("at most 50");
    assertThat(
            browser
                .json("PATCH", "/api/webauthn/credentials/nope", "{\"name\":\"a\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(storage.passkeys().findById(id).orElseThrow().name()).isEqualTo("New Passkey");

    HttpResponse<String> renamed = browser.json("PATCH", path, "{\"Name\":\"Laptop\"}");
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(storage.passkeys().findById(id).orElseThrow().name()).isEqualTo("Laptop");
    assertThat(browser.json("DELETE", path, null).statusCode()).isEqualTo(204);
    assertThat(storage.passkeys().listForUser(ada().id())).isEmpty();
    assertThat(auditEvents()).contains("PASSKEY_RENAMED", "PASSKEY_REMOVED");
  }

  /** Security review (info): control and invisible characters in passkey and account names. */
  @Test
  void renameAndUpdateMeWhenNamesHaveControlOrInvisibleCharactersThen400AndNothingChanged()
      throws Exception {
    setUpAndRegister(browser);
    String path =
        "/api/webauthn/credentials/" + storage.passkeys().listForUser(ada().id()).get(0).id();
    User before = ada();
    for (String bad :
        new String[] {
          "\\u0000", "\\r\\n", "\\t", "\\u202E", "\\u2066", "\\u200B", "\\uFEFF", "\\ud800"
        }) {
      HttpResponse<String> renamed =
          browser.json("PATCH", path, "{\"name\":\"Lap" + bad + "top\"}");
      assertThat(renamed.statusCode()).as(bad).isEqualTo(400);
      assertThat(renamed.body())
          .isEqualTo("{\"error\":\"Name must not contain control or invisible characters\"}");

      HttpResponse<String> updated =
          browser.json(
              "PUT",
              "/api/users/me",
              "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\","
                  + "\"lastName\":\"Lovelace\",\"displayName\":\"Ada"
                  + bad
                  + "\"}");
      assertThat(updated.statusCode()).as(bad).isEqualTo(400);
      assertThat(updated.body())
          .isEqualTo(
              "{\"error\":\"DisplayName must not contain control or invisible characters\"}");
    }
    assertThat(storage.passkeys().listForUser(ada().id()).get(0).name()).isEqualTo("New Passkey");
    assertThat(ada()).isEqualTo(before);
    assertThat(auditEvents()).doesNotContain("PASSKEY_RENAMED");
  }

  @Test
  void stateChangingRequestWhenCrossSiteThenRefused() throws Exception {
    setUpAndRegister(browser);
    String path =
        "/api/webauthn/credentials/" + storage.passkeys().listForUser(ada().id()).get(0).id();
    HttpResponse<String> origin =
        browser.json("DELETE", path, null, Map.of("Origin", "https://evil.example"));
    assertThat(origin.statusCode()).isEqualTo(403);
    assertThat(origin.body()).contains("Cross-site request refused");
    HttpResponse<String> fetchSite =
        browser.json("POST", "/api/webauthn/logout", null, Map.of("Sec-Fetch-Site", "cross-site"));
    assertThat(fetchSite.statusCode()).isEqualTo(403);
    HttpResponse<String> plainText =
        browser.json(
            "PUT", "/api/users/me", "{\"username\":\"eve\"}", Map.of("Content-Type", "text/plain"));
    assertThat(plainText.statusCode()).isEqualTo(415);
    assertThat(storage.passkeys().listForUser(ada().id())).hasSize(1);
    assertThat(ada().username()).isEqualTo("ada");
    HttpResponse<String> sameOrigin =
        browser.json("DELETE", path, null, Map.of("Origin", base, "Sec-Fetch-Site", "same-origin"));
    assertThat(sameOrigin.statusCode()).isEqualTo(204);
  }

  @Test
  void unknownSessionCookieThen401() {
    Client forged = new Client(base);
    HttpResponse<String> me =
        forged.json("GET", "/api/users/me", null, Map.of("Cookie", "access_token=forged-value"));
    assertThat(me.statusCode()).isEqualTo(401);
  }

  @Test
  void updateMeWhenValidThenSavedElseClearErrorsAndNothingChanged() throws Exception {
    setUpAndRegister(browser);
    createBob();
    String valid =
        "{\"username\":\"ada2\",\"email\":\"ada2@example.com\",\"firstName\":\"Ada\",\"lastName\":\"King\","
            + "\"displayName\":\"Ada King\",\"locale\":\"en\",\"isAdmin\":false}";
    HttpResponse<String> saved = browser.json("PUT", "/api/users/me", valid);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(ada2().displayName()).isEqualTo("Ada King");
    assertThat(ada2().admin()).as("isAdmin in the body is ignored").isTrue();

    HttpResponse<String> taken =
        browser.json("PUT", "/api/users/me", valid.replace("ada2\",", "BOB\","));
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(taken.body()).contains("Username is already in use");
    HttpResponse<String> invalid =
        browser.json("PUT", "/api/users/me", valid.replace("ada2\",", "-x\","));
    assertThat(invalid.body()).contains("Username is invalid");
    HttpResponse<String> wrongType = browser.json("PUT", "/api/users/me", "{\"username\":[1]}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(ada2().username()).isEqualTo("ada2");
  }

  private User createBob() {
    User bob =
        new User(
            UUID.randomUUID().toString(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            "bob",
            "bob@example.com",
            "Bob",
            null,
            "Bob",
            false,
            null,
            null,
            false);
    storage.users().create(bob);
    return bob;
  }

  private User ada2() {
    return storage.users().findByUsername("ada2").orElseThrow();
  }

  private static String account(String email) {
    return "{\"username\":\"ada\",\"email\":\""
        + email
        + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"displayName\":\"Ada\"}";
  }

  /** Security finding 4: emails are unique regardless of case; the stored email keeps its case. */
  @Test
  void updateMeWhenEmailTakenInOtherCaseThen400AndNothingChangedButOwnCaseChangeSaved() {
    assertThat(browser.json("POST", "/api/signup/setup", SETUP).statusCode()).isEqualTo(200);
    User bob = createBob();
    User before = ada();

    HttpResponse<String> taken = browser.json("PUT", "/api/users/me", account("BOB@Example.com"));

    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(taken.body()).isEqualTo("{\"error\":\"Email is already in use\"}");
    assertThat(ada()).isEqualTo(before);
    assertThat(storage.users().findById(bob.id())).contains(bob);

    HttpResponse<String> own = browser.json("PUT", "/api/users/me", account("Ada@Example.com"));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(ada().email()).isEqualTo("Ada@Example.com");
  }

  @Test
  void loginCodeWhenExchangedThenSignedInOnceAndDisabledUsersRefused() throws Exception {
    setUpAndRegister(browser);
    HttpResponse<String> created =
        browser.json("POST", "/api/users/me/one-time-access-token", "{\"userId\":\"me\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
    assertThat(token.find()).isTrue();
    assertThat(token.group(1)).hasSize(6);

    Client phone = new Client(base);
    HttpResponse<String> exchanged =
        phone.json("POST", "/api/one-time-access-token/" + token.group(1), "{}");
    assertThat(exchanged.statusCode()).isEqualTo(200);
    assertThat(phone.get("/api/users/me").statusCode()).isEqualTo(200);
    HttpResponse<String> again =
        new Client(base).json("POST", "/api/one-time-access-token/" + token.group(1), "{}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("Token is invalid or expired");
    assertThat(auditEvents()).contains("TOKEN_SIGN_IN");

    storage.users().update(ada().withDisabled(true));
    assertThat(phone.get("/api/users/me").statusCode()).isEqualTo(403);
    assertThat(phone.get("/api/users/me").body()).contains("User account is disabled");
  }

  @Test
  void loginCodeExchangeWhenHammeredThenRateLimited() {
    Client attacker = new Client(base);
    int last = 0;
    for (int i = 0; i < 6; i++) {
      last = attacker.json("POST", "/api/one-time-access-token/guess" + i, "{}").statusCode();
    }
    assertThat(last).isEqualTo(429);
    assertThat(attacker.json("POST", "/api/one-time-access-token/guess", "{}").body())
        .isEqualTo("{\"error\":\"Too many requests\"}");
  }

  @Test
  void apiKeyWhenValidThenActsAsOwnerAndUseRecorded() throws Exception {
    setUpAndRegister(browser);
    String raw = "k".repeat(32);
    storage
        .apiKeys()
        .save(
            new ApiKey(
                UUID.randomUUID().toString(),
                "ci",
                TokenHasher.hash(raw),
                null,
                Instant.now(),
                Instant.now().plusSeconds(3600),
                null,
                ada().id(),
                false));
    Client script = new Client(base);
    HttpResponse<String> me = script.json("GET", "/api/users/me", null, Map.of("X-API-KEY", raw));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"username\":\"ada\"");
    assertThat(storage.apiKeys().findByHash(TokenHasher.hash(raw)).orElseThrow().lastUsedAt())
        .isNotNull();
    assertThat(script.json("GET", "/api/users/me", null, Map.of("X-API-KEY", "wrong")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void logoutFormWhenCsrfTokenMissingThenRefusedElseSignedOut() throws Exception {
    setUpAndRegister(browser);
    HttpResponse<String> page = browser.get("/logout");
    Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    assertThat(browser.form("/logout", "csrf=wrong").statusCode()).isEqualTo(403);
    assertThat(browser.get("/api/users/me").statusCode()).isEqualTo(200);
    HttpResponse<String> out = browser.form("/logout", "csrf=" + csrf.group(1));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/login");
    assertThat(browser.get("/api/users/me").statusCode()).isEqualTo(401);
  }

  @Test
  void loginPageWhenRedirectNotLocalThenIgnored() throws Exception {
    setUpAndRegister(browser);
    for (String target :
        List.of(
            "//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)")) {
      HttpResponse<String> response =
          browser.get(
              "/login?redirect="
                  + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8));
      assertThat(response.headers().firstValue("Location")).hasValue("/settings/account");
    }
    assertThat(
            browser
                .get("/login?redirect=%2Fsettings%2Faccount%3Fx%3D1")
                .headers()
                .firstValue("Location"))
        .hasValue("/settings/account?x=1");
  }

  @Test
  void pagesWhenRenderedThenCspWithNonceAndFrameAncestorsNone() {
    HttpResponse<String> login = browser.get("/login");
    String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
    Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(csp);
    assertThat(nonce.find()).isTrue();
    assertThat(csp).contains("frame-ancestors 'none'");
    assertThat(login.body()).contains("nonce=\"" + nonce.group(1) + "\"");
    assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(login.headers().firstValue("Referrer-Policy")).isPresent();
    assertThat(browser.get("/settings/account").headers().firstValue("Location"))
        .hasValue("/login?redirect=%2Fsettings%2Faccount");
  }

  @Test
  void reauthenticateWhenJustSignedInThenTokenElseAssertionRequired() throws Exception {
    setUpAndRegister(browser);
    // The setup session was not made by a passkey assertion (security finding 3).
    HttpResponse<String> setupSession = browser.json("POST", "/api/webauthn/reauthenticate", "{}");
    assertThat(setupSession.statusCode()).as(setupSession.body()).isEqualTo(401);
    assertThat(signIn(browser).statusCode()).isEqualTo(200);
    HttpResponse<String> recent = browser.json("POST", "/api/webauthn/reauthenticate", "{}");
    assertThat(recent.statusCode()).as(recent.body()).isEqualTo(200);
    assertThat(recent.body()).matches("\\{\"reauthenticationToken\":\"[A-Za-z0-9]{32}\"\\}");
    HttpResponse<String> withAssertion =
        browser.json(
            "POST",
            "/api/webauthn/reauthenticate",
            authenticator.authenticate(browser.get("/api/webauthn/login/start").body()));
    assertThat(withAssertion.statusCode()).as(withAssertion.body()).isEqualTo(200);
  }
}
