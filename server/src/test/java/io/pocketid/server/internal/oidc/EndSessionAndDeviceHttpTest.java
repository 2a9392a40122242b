package io.pocketid.server.internal.oidc;

import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_ID;
import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_SECRET;
import static io.pocketid.server.internal.oidc.OidcTestServer.basic;
import static io.pocketid.server.internal.oidc.OidcTestServer.form;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.pocketid.core.model.Consent;
import io.pocketid.core.model.OidcClient;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-session (confirmation page, CSRF) and the {@code /device} page over HTTP. */
class EndSessionAndDeviceHttpTest {
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

  @Test
  void endSessionWithoutHintWhenSignedInThenConfirmationPageAndSessionKept() {
    String cookie = op.sessionCookie(op.alice);

    HttpResponse<String> page = op.get("/api/oidc/end-session", "Cookie", cookie);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"confirm-logout\"");
    assertThat(page.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(op.get("/api/users/me", "Cookie", cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void endSessionConfirmedWithCsrfThenSignedOutAndRedirectedToRegisteredLogoutUrl() {
    String cookie = op.sessionCookie(op.alice);
    HttpResponse<String> page =
        op.get(
            "/api/oidc/end-session?"
                + form(
                    "client_id",
                    CLIENT_ID,
                    "post_logout_redirect_uri",
                    "https://rp.example/logged-out",
                    "state",
                    "s1"),
            "Cookie",
            cookie);
    String csrf = OidcTestServer.hidden(page.body(), "csrf");
    String request = OidcTestServer.hidden(page.body(), "request");

    HttpResponse<String> confirmed =
        op.postForm(
            "/api/oidc/end-session",
            form("csrf", csrf, "request", request, "pocketid_confirm", "yes"),
            "Cookie",
            cookie + "; " + OidcTestServer.csrfCookie(page));

    assertThat(confirmed.statusCode()).isEqualTo(302);
    assertThat(confirmed.headers().firstValue("location"))
        .hasValue("https://rp.example/logged-out?state=s1");
    assertThat(op.get("/api/users/me", "Cookie", cookie).statusCode()).isEqualTo(401);
    assertThat(
            op.storage()
                .auditLog()
                .list(null, io.pocketid.core.store.PageRequest.of(1, 50))
                .items())
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo("LOGOUT");
              assertThat(e.userId()).isEqualTo(op.alice.id());
              assertThat(e.data().get("clientName")).isNotBlank();
            });
  }

  @Test
  void endSessionConfirmedThenBackchannelLogoutTokenPostedToTheClient() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer rp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    rp.createContext(
        "/bc",
        exchange -> {
          received.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    rp.start();
    try {
      OidcClient base = OidcTestServer.client("bc-client", List.of("https://rp.example/cb"), false);
      op.storage
          .clients()
          .create(
              new OidcClient(
                  base.id(),
                  base.createdAt(),
                  base.name(),
                  base.secretHash(),
                  base.callbackUrls(),
                  base.logoutCallbackUrls(),
                  "http://127.0.0.1:" + rp.getAddress().getPort() + "/bc",
                  null,
                  null,
                  null,
                  false,
                  false,
                  false,
                  null,
                  List.of()));
      op.storage
          .consents()
          .upsert(
              new Consent(
                  op.alice.id(),
                  "bc-client",
                  "openid",
                  Instant.now().truncatedTo(ChronoUnit.MILLIS)));
      String cookie = op.sessionCookie(op.alice);
      HttpResponse<String> page = op.get("/api/oidc/end-session", "Cookie", cookie);

      HttpResponse<String> done =
          op.postForm(
              "/api/oidc/end-session",
              form(
                  "csrf",
                  OidcTestServer.hidden(page.body(), "csrf"),
                  "request",
                  OidcTestServer.hidden(page.body(), "request"),
                  "pocketid_confirm",
                  "yes"),
              "Cookie",
              cookie + "; " + OidcTestServer.csrfCookie(page));

      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(done.body()).contains("You are signed out");
      String body = received.poll(10, TimeUnit.SECONDS);
      assertThat(body).startsWith("logout_token=");
      var claims =
          SignedJWT.parse(URLDecoder.decode(body.substring("logout_token=".length()), UTF_8))
              .getJWTClaimsSet();
      assertThat(claims.getSubject()).isEqualTo(op.alice.id());
      assertThat(claims.getAudience()).containsExactly("bc-client");
      assertThat(claims.getClaim("events")).isNotNull();
    } finally {
      rp.stop(0);
    }
  }

  @Test
  void endSessionConfirmedWithoutCsrfThenRefusedAndSessionKept() {
    String cookie = op.sessionCookie(op.alice);

    HttpResponse<String> response =
        op.postForm(
            "/api/oidc/end-session",
            form("request", "", "pocketid_confirm", "yes", "csrf", "x"),
            "Cookie",
            cookie);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(op.get("/api/users/me", "Cookie", cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void endSessionWithUnregisteredLogoutUrlWhenSignedOutThenNoRedirect() {
    HttpResponse<String> response =
        op.get(
            "/api/oidc/end-session?"
                + form(
                    "client_id", CLIENT_ID, "post_logout_redirect_uri", "https://evil.example/"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("location")).isEmpty();
  }

  @Test
  void devicePageWhenSignedOutThenLoginRedirectKeepingTheCode() {
    HttpResponse<String> response = op.get("/device?code=ABCD-EFGH");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("location").orElse(""))
        .startsWith("/login?redirect=%2Fdevice%3Fcode%3DABCD-EFGH");
  }

  @Test
  void devicePageApproveThenDevicePollGetsTokensAndAuditRecorded() {
    JsonObject started =
        ProtocolEndpointsHttpTest.json(
            op.postForm(
                "/api/oidc/device/authorize",
                form("scope", "openid email"),
                "Authorization",
                basic(CLIENT_ID, CLIENT_SECRET)));
    String cookie = op.sessionCookie(op.alice);
    String userCode = started.getString("user_code");

    HttpResponse<String> page = op.get("/device?code=" + userCode.toLowerCase(), "Cookie", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Test App test-client").contains("Your email address");

    HttpResponse<String> approved =
        op.postForm(
            "/device",
            form(
                "csrf",
                OidcTestServer.hidden(page.body(), "csrf"),
                "code",
                userCode,
                "pocketid_action",
                "approve"),
            "Cookie",
            cookie + "; " + OidcTestServer.csrfCookie(page));
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(approved.body()).contains("Done");

    HttpResponse<String> token =
        op.postForm(
            "/api/oidc/token",
            form(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:device_code",
                "device_code",
                started.getString("device_code")),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    assertThat(ProtocolEndpointsHttpTest.json(token).getString("id_token")).isNotBlank();
  }

  @Test
  void devicePageDenyThenDevicePollGetsAccessDenied() {
    JsonObject started =
        ProtocolEndpointsHttpTest.json(
            op.postForm(
                "/api/oidc/device/authorize",
                form("scope", "openid"),
                "Authorization",
                basic(CLIENT_ID, CLIENT_SECRET)));
    String cookie = op.sessionCookie(op.alice);
    HttpResponse<String> page =
        op.get("/device?code=" + started.getString("user_code"), "Cookie", cookie);

    op.postForm(
        "/device",
        form(
            "csrf",
            OidcTestServer.hidden(page.body(), "csrf"),
            "code",
            started.getString("user_code"),
            "pocketid_action",
            "deny"),
        "Cookie",
        cookie + "; " + OidcTestServer.csrfCookie(page));

    HttpResponse<String> token =
        op.postForm(
            "/api/oidc/token",
            form(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:device_code",
                "device_code",
                started.getString("device_code")),
            "Authorization",
            basic(CLIENT_ID, CLIENT_SECRET));
    assertThat(ProtocolEndpointsHttpTest.json(token).getString("error")).isEqualTo("access_denied");
  }

  @Test
  void devicePageWithUnknownCodeThenErrorMessage() {
    HttpResponse<String> page =
        op.get("/device?code=ZZZZ-ZZZZ", "Cookie", op.sessionCookie(op.alice));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("invalid or has expired");
  }

  @Test
  void devicePostWhenCodesGuessedRepeatedlyThenRateLimited() {
    // Security finding 8: approve/deny is a guess at a user code too.
    String cookie = op.sessionCookie(op.alice);
    HttpResponse<String> page = op.get("/device", "Cookie", cookie);
    String csrfCookie = OidcTestServer.csrfCookie(page);
    // Double-submit: the form field carries the cookie's value.
    String csrf = csrfCookie.substring(csrfCookie.indexOf('=') + 1);
    String cookies = cookie + "; " + csrfCookie;
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      statuses.add(
          op.postForm(
                  "/device",
                  form("csrf", csrf, "code", "ZZZZ-ZZZ" + i, "pocketid_action", "approve"),
                  "Cookie",
                  cookies)
              .statusCode());
    }

    assertThat(statuses.subList(0, 5)).containsOnly(400);
    assertThat(statuses.get(6)).isEqualTo(429);
  }

  @Test
  void devicePageWhenCodesGuessedRepeatedlyThenRateLimited() {
    String cookie = op.sessionCookie(op.alice);
    int last = 0;
    for (int i = 0; i < 6; i++) {
      last = op.get("/device?code=ZZZZ-ZZZ" + i, "Cookie", cookie).statusCode();
    }
    assertThat(last).isEqualTo(429);
    assertThat(op.get("/device?code=ZZZZ-ZZZZ", "Cookie", cookie).body())
        .contains("Too many attempts");
  }

  @Test
  void endSessionForAClientThenThatClientsRefreshTokensAreRevoked() {
    java.time.Instant now = java.time.Instant.now();
    String hash =
        io.pocketid.core.security.TokenHasher.hash("rt-of-alice-for-the-client-0123456789");
    op.storage()
        .refreshTokens()
        .save(
            new io.pocketid.core.model.RefreshToken(
                "rt-9",
                hash,
                "family-9",
                now,
                now.plusSeconds(3600),
                op.alice.id(),
                CLIENT_ID,
                "openid",
                false,
                null,
                now));
    String cookie = op.sessionCookie(op.alice);
    HttpResponse<String> page =
        op.get("/api/oidc/end-session?" + form("client_id", CLIENT_ID), "Cookie", cookie);
    HttpResponse<String> confirmed =
        op.postForm(
            "/api/oidc/end-session",
            form(
                "csrf",
                OidcTestServer.hidden(page.body(), "csrf"),
                "request",
                OidcTestServer.hidden(page.body(), "request"),
                "pocketid_confirm",
                "yes"),
            "Cookie",
            cookie + "; " + OidcTestServer.csrfCookie(page));
    assertThat(confirmed.statusCode()).isIn(200, 302);
    assertThat(op.storage().refreshTokens().findByHash(hash)).isEmpty();
  }
}
