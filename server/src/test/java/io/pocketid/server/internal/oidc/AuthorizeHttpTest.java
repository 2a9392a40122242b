package io.pocketid.server.internal.oidc;

import static io.pocketid.server.internal.oidc.OidcTestServer.CLIENT_ID;
import static io.pocketid.server.internal.oidc.OidcTestServer.REDIRECT;
import static io.pocketid.server.internal.oidc.OidcTestServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.Consent;
import io.pocketid.core.model.UserGroup;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /authorize} and the JSON authorization API over HTTP, with a session cookie. */
class AuthorizeHttpTest {
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
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

  private static String authorizeQuery(String... extra) {
    StringBuilder q =
        new StringBuilder(
            form(
                "client_id",
                CLIENT_ID,
                "redirect_uri",
                REDIRECT,
                "response_type",
                "code",
                "scope",
                "openid email",
                "state",
                "xyz"));
    if (extra.length > 0) {
      q.append('&').append(form(extra));
    }
    return "/authorize?" + q;
  }

  @Test
  void authorizeWhenNotSignedInThenRedirectToLoginWithTheFullAuthorizeUrl() {
    String path = authorizeQuery();
    HttpResponse<String> response = op.get(path);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("location"))
        .hasValue("/login?redirect=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
  }

  @Test
  void authorizeWhenNotSignedInAndPromptNoneThenLoginRequiredRedirectWithStateAndIss() {
    HttpResponse<String> response = op.get(authorizeQuery("prompt", "none"));

    assertThat(response.statusCode()).isEqualTo(302);
    Map<String, String> q = OidcTestServer.query(response.headers().firstValue("location").get());
    assertThat(q).containsEntry("error", "login_required").containsEntry("state", "xyz");
    assertThat(q).containsEntry("iss", OidcTestServer.APP_URL);
  }

  @Test
  void authorizeWithUnknownClientThenErrorPageNotRedirect() {
    HttpResponse<String> response =
        op.get("/authorize?client_id=nobody&redirect_uri=https://evil.example/&response_type=code");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("location")).isEmpty();
    assertThat(response.body()).contains("unknown client_id");
  }

  @Test
  void authorizeWithUnregisteredRedirectUriThenErrorPageNotRedirect() {
    HttpResponse<String> response =
        op.get(
            "/authorize?"
                + form(
                    "client_id",
                    CLIENT_ID,
                    "redirect_uri",
                    "https://evil.example/callback",
                    "response_type",
                    "code",
                    "scope",
                    "openid"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("location")).isEmpty();
    assertThat(response.body()).contains("redirect_uri is not registered");
  }

  @Test
  void authorizeWithUnsupportedResponseTypeThenErrorRedirectToTheClient() {
    HttpResponse<String> response =
        op.get(authorizeQuery().replace("response_type=code", "response_type=token"));

    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.headers().firstValue("location").get();
    assertThat(location).startsWith(REDIRECT + "?");
    assertThat(OidcTestServer.query(location))
        .containsEntry("error", "unsupported_response_type")
        .containsEntry("state", "xyz");
  }

  @Test
  void authorizeWithRepeatedScopeThenInvalidRequestRedirect() {
    HttpResponse<String> response = op.get(authorizeQuery("scope", "openid"));

    assertThat(OidcTestServer.query(response.headers().firstValue("location").get()))
        .containsEntry("error", "invalid_request");
  }

  @Test
  void consentAllowWithCsrfTokenThenCodeRedirectAndAuditRecorded() {
    String cookie = op.sessionCookie(op.alice);
    HttpResponse<String> page = op.get(authorizeQuery(), "Cookie", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Your email address").contains("Allow").contains("Deny");
    assertThat(page.headers().firstValue("content-security-policy").orElse(""))
        .contains("form-action 'self' https://rp.example;");

    HttpResponse<String> allowed = submitConsent(page, cookie, "allow");

    assertThat(allowed.statusCode()).isEqualTo(302);
    Map<String, String> q = OidcTestServer.query(allowed.headers().firstValue("location").get());
    assertThat(q.get("code")).hasSize(32);
    assertThat(q).containsEntry("state", "xyz").containsEntry("iss", OidcTestServer.APP_URL);
    assertThat(op.storage.consents().find(op.alice.id(), CLIENT_ID)).isPresent();
    var audit =
        op.storage.auditLog().list(op.alice.id(), io.pocketid.core.store.PageRequest.of(1, 10));
    assertThat(audit.items())
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo("NEW_CLIENT_AUTHORIZATION");
              assertThat(e.data()).containsEntry("clientName", "Test App test-client");
            });
  }

  @Test
  void consentWithoutCsrfTokenThenRefusedAndNoConsentStored() {
    String cookie = op.sessionCookie(op.alice);
    HttpResponse<String> page = op.get(authorizeQuery(), "Cookie", cookie);
    String request = OidcTestServer.hidden(page.body(), "request");

    HttpResponse<String> response =
        op.postForm(
            "/authorize",
            form("request", request, "pocketid_action", "allow", "csrf", "forged"),
            "Cookie",
            cookie + "; " + OidcTestServer.csrfCookie(page));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(op.storage.consents().find(op.alice.id(), CLIENT_ID)).isEmpty();
  }

  @Test
  void consentDenyThenAccessDeniedRedirect() {
    String cookie = op.sessionCookie(op.alice);
    HttpResponse<String> page = op.get(authorizeQuery(), "Cookie", cookie);

    HttpResponse<String> denied = submitConsent(page, cookie, "deny");

    assertThat(OidcTestServer.query(denied.headers().firstValue("location").get()))
        .containsEntry("error", "access_denied")
        .containsEntry("state", "xyz");
  }

  @Test
  void authorizeWithRememberedConsentThenRedirectWithoutConsentPage() {
    op.storage
        .consents()
        .upsert(
            new Consent(
                op.alice.id(),
                CLIENT_ID,
                "openid email",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));

    HttpResponse<String> response = op.get(authorizeQuery(), "Cookie", op.sessionCookie(op.alice));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(OidcTestServer.query(response.headers().firstValue("location").get()))
        .containsKey("code");
  }

  @Test
  void authorizeWithFormPostThenAutoSubmittingPageWithCspAllowingTheClientOrigin() {
    op.storage
        .consents()
        .upsert(
            new Consent(
                op.alice.id(),
                CLIENT_ID,
                "openid email",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));

    HttpResponse<String> response =
        op.get(authorizeQuery("response_mode", "form_post"), "Cookie", op.sessionCookie(op.alice));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("action=\"" + REDIRECT + "\"")
        .contains("name=\"code\"")
        .contains("name=\"iss\"");
    String csp = response.headers().firstValue("content-security-policy").orElse("");
    assertThat(csp).contains("form-action https://rp.example").contains("script-src 'nonce-");
    assertThat(csp).doesNotContain("form-action 'self'");
  }

  @Test
  void authorizeForGroupRestrictedClientWhenUserOutsideThen403Page() {
    UserGroup group =
        new UserGroup("g1", Instant.now().truncatedTo(ChronoUnit.MILLIS), "Staff", "staff", null);
    op.storage.groups().create(group);
    op.storage.clients().setAllowedGroups(CLIENT_ID, List.of("g1"));

    HttpResponse<String> response = op.get(authorizeQuery(), "Cookie", op.sessionCookie(op.alice));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("not allowed to access this service");
  }

  @Test
  void authorizeWithPromptLoginRightAfterSignInThenCodeWithoutAnotherPasskey() {
    rememberConsent();

    HttpResponse<String> response =
        op.get(authorizeQuery("prompt", "login"), "Cookie", op.sessionCookie(op.alice));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(OidcTestServer.query(response.headers().firstValue("location").get()))
        .containsKey("code");
  }

  @Test
  void authorizeWithPromptLoginForAnOlderSessionThenPageAsksForAFreshPasskey() {
    rememberConsent();
    String cookie = op.sessionCookie(op.alice, java.time.Duration.ofMinutes(10));

    HttpResponse<String> response = op.get(authorizeQuery("prompt", "login"), "Cookie", cookie);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("data-reauth=\"true\"");
  }

  @Test
  void authorizeWithMaxAgeExceededThenPageAsksForAFreshPasskey() {
    rememberConsent();
    String cookie = op.sessionCookie(op.alice, java.time.Duration.ofMinutes(10));

    HttpResponse<String> response = op.get(authorizeQuery("max_age", "120"), "Cookie", cookie);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("data-reauth=\"true\"");
  }

  @Test
  void authorizeWithMaxAgeExceededAndPromptNoneThenLoginRequired() {
    rememberConsent();
    String cookie = op.sessionCookie(op.alice, java.time.Duration.ofMinutes(10));

    HttpResponse<String> response =
        op.get(authorizeQuery("max_age", "120", "prompt", "none"), "Cookie", cookie);

    assertThat(OidcTestServer.query(response.headers().firstValue("location").get()))
        .containsEntry("error", "login_required");
  }

  private void rememberConsent() {
    op.storage
        .consents()
        .upsert(
            new Consent(
                op.alice.id(),
                CLIENT_ID,
                "openid email",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
  }

  @Test
  void consentAllowForClientRequiringReauthenticationWithoutTokenThenAskedAgain() {
    var client = op.storage.clients().findById(CLIENT_ID).orElseThrow();
    op.storage
        .clients()
        .update(
            new io.pocketid.core.model.OidcClient(
                client.id(),
                client.createdAt(),
                client.name(),
                client.secretHash(),
                client.callbackUrls(),
                client.logoutCallbackUrls(),
                null,
                null,
                null,
                null,
                false,
                false,
                true,
                null,
                List.of()));
    String cookie = op.sessionCookie(op.alice);
    HttpResponse<String> page = op.get(authorizeQuery(), "Cookie", cookie);
    assertThat(page.body()).contains("data-reauth=\"true\"");

    HttpResponse<String> response = submitConsent(page, cookie, "allow");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Confirm with your passkey");
    assertThat(op.storage.consents().find(op.alice.id(), CLIENT_ID)).isEmpty();
  }

  @Test
  void jsonAuthorizeWithSessionThenCodeCallbackAndIssuer() {
    HttpResponse<String> response =
        op.json(
            "POST",
            "/api/oidc/authorize",
            "{\"clientId\":\""
                + CLIENT_ID
                + "\",\"scope\":\"openid email\",\"callbackURL\":\""
                + REDIRECT
                + "\",\"codeChallenge\":\""
                + CHALLENGE
                + "\",\"codeChallengeMethod\":\"S256\"}",
            "Cookie",
            op.sessionCookie(op.alice));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var body = ProtocolEndpointsHttpTest.json(response);
    assertThat(body.getString("code")).hasSize(32);
    assertThat(body.getString("callbackURL")).isEqualTo(REDIRECT);
    assertThat(body.getString("issuer")).isEqualTo(OidcTestServer.APP_URL);
  }

  @Test
  void jsonAuthorizationRequiredThenTrueUntilConsentedThenFalse() {
    String cookie = op.sessionCookie(op.alice);
    String body = "{\"clientID\":\"" + CLIENT_ID + "\",\"scope\":\"openid email\"}";
    assertThat(op.json("POST", "/api/oidc/authorization-required", body, "Cookie", cookie).body())
        .isEqualTo("{\"authorizationRequired\":true}");

    op.storage
        .consents()
        .upsert(
            new Consent(
                op.alice.id(),
                CLIENT_ID,
                "openid email",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));

    assertThat(op.json("POST", "/api/oidc/authorization-required", body, "Cookie", cookie).body())
        .isEqualTo("{\"authorizationRequired\":false}");
  }

  @Test
  void jsonAuthorizeWithoutSessionThen401() {
    HttpResponse<String> response =
        op.json("POST", "/api/oidc/authorize", "{\"clientID\":\"" + CLIENT_ID + "\"}");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> submitConsent(
      HttpResponse<String> page, String cookie, String action) {
    String csrf = OidcTestServer.hidden(page.body(), "csrf");
    String request = OidcTestServer.hidden(page.body(), "request");
    return op.postForm(
        "/authorize",
        form("csrf", csrf, "request", request, "pocketid_action", action),
        "Cookie",
        cookie + "; " + OidcTestServer.csrfCookie(page));
  }
}
