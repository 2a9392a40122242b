package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.auth.SessionService;
import io.pocketid.core.security.RandomTokens;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security finding 3: a login code never satisfies "reauthenticate with a passkey", and an API key
 * never becomes a browser session or registers a passkey.
 */
class SessionStrengthHttpTest {
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
  void loginCodeSessionCannotReauthenticateWithoutAPasskey() {
    // The probe's sequence: a session mints a login code, the code becomes a new session.
    String passkeySession = op.sessionCookie(op.alice);
    HttpResponse<String> minted =
        op.json("POST", "/api/users/me/one-time-access-token", null, "Cookie", passkeySession);
    assertThat(minted.statusCode()).isEqualTo(201);
    String code = minted.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    HttpResponse<String> exchanged = op.json("POST", "/api/one-time-access-token/" + code, null);
    assertThat(exchanged.statusCode()).isEqualTo(200);
    String loginCodeSession = sessionCookieOf(exchanged);

    HttpResponse<String> reauth =
        op.json("POST", "/api/webauthn/reauthenticate", "", "Cookie", loginCodeSession);

    assertThat(reauth.statusCode()).isEqualTo(401);
    assertThat(reauth.body()).contains("reauthentication required").doesNotContain("token\":\"");
  }

  @Test
  void setupSessionCannotReauthenticateWithoutAPasskey() {
    String cookie = cookieFor(SessionService.METHOD_SETUP);

    assertThat(op.json("POST", "/api/webauthn/reauthenticate", "", "Cookie", cookie).statusCode())
        .isEqualTo(401);
  }

  @Test
  void freshPasskeySessionStillReauthenticatesWithoutASecondAssertion() {
    HttpResponse<String> reauth =
        op.json("POST", "/api/webauthn/reauthenticate", "", "Cookie", op.sessionCookie(op.alice));

    assertThat(reauth.statusCode()).isEqualTo(200);
    assertThat(reauth.body())
        .containsPattern("\"reauthenticationToken\"\\s*:\\s*\"[A-Za-z0-9]{32}\"");
  }

  @Test
  void apiKeyCannotMintALoginCodeReauthenticateOrRegisterAPasskey() {
    String[] key = {"X-API-KEY", op.adminApiKey};

    HttpResponse<String> code = op.json("POST", "/api/users/me/one-time-access-token", null, key);
    HttpResponse<String> reauth = op.json("POST", "/api/webauthn/reauthenticate", "", key);
    HttpResponse<String> register = op.get("/api/webauthn/register/start", key);
    HttpResponse<String> registerFinish =
        op.json("POST", "/api/webauthn/register/finish", "{}", key);

    for (HttpResponse<String> response :
        new HttpResponse[] {code, reauth, register, registerFinish}) {
      assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
      assertThat(response.body()).contains("API key");
      assertThat(response.headers().allValues("set-cookie"))
          .noneMatch(c -> c.startsWith("access_token="));
    }
    // The key still reads data as before.
    assertThat(op.get("/api/users/me", key).statusCode()).isEqualTo(200);
  }

  @Test
  void loginCodeLinkDoesNotSubmitItselfForASignedInPerson() {
    // Security finding 7: a link with someone else's code must not switch a signed-in account.
    HttpResponse<String> signedIn =
        op.get("/login/alternative/code?code=SOMEONES-CODE", "Cookie", op.sessionCookie(op.admin));
    HttpResponse<String> anonymous = op.get("/login/alternative/code?code=SOMEONES-CODE");

    assertThat(signedIn.body())
        .contains("data-autosubmit=\"false\"")
        .contains("You are signed in as Ada Lovelace")
        .doesNotContain("data-autosubmit=\"true\"");
    assertThat(anonymous.body())
        .contains("data-autosubmit=\"true\"")
        .doesNotContain("signed-in-warning");
  }

  @Test
  void jsonLookalikeContentTypeIsRefused() {
    HttpResponse<String> response =
        op.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(op.base + "/api/users/me"))
                .header("Content-Type", "application/jsonx")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"firstName\":\"x\"}")),
            "Cookie",
            op.sessionCookie(op.alice));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).contains("Content-Type must be application/json");
  }

  private String cookieFor(String method) {
    SessionService sessions =
        new SessionService(
            op.storage, Clock.systemUTC(), new RandomTokens(), () -> Duration.ofHours(2));
    return "access_token=" + sessions.start(op.alice.id(), method, null, null).cookieValue();
  }

  private static String sessionCookieOf(HttpResponse<String> response) {
    return response.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith("access_token="))
        .map(c -> c.substring(0, c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie"));
  }
}
