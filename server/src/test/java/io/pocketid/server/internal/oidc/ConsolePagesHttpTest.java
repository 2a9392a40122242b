package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.config.AppConfigKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may open which settings page, the signup pages, and the QR code of a link. */
class ConsolePagesHttpTest {
  private static final String[] ADMIN_PAGES = {
    "/settings/admin/users", "/settings/admin/user-groups", "/settings/audit-log/global",
  };
  private static final String[] USER_PAGES = {
    "/settings/apps", "/settings/api-keys", "/settings/audit-log",
  };

  @TempDir Path dir;
  private OidcTestServer op;
  private String[] adminSession;
  private String[] aliceSession;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
    adminSession = new String[] {"Cookie", op.sessionCookie(op.admin)};
    aliceSession = new String[] {"Cookie", op.sessionCookie(op.alice)};
  }

  @AfterEach
  void stop() {
    op.close();
  }

  @Test
  void anonymousVisitorsAreSentToSignInAndComeBack() {
    for (String path : concat(ADMIN_PAGES, USER_PAGES)) {
      HttpResponse<String> page = op.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(302);
      assertThat(page.headers().firstValue("location"))
          .as(path)
          .hasValue("/login?redirect=" + path.replace("/", "%2F"));
    }
  }

  @Test
  void aNonAdminIsRefusedTheAdminPagesAndSeesNoAdminLinks() {
    for (String path : ADMIN_PAGES) {
      HttpResponse<String> page = op.get(path, aliceSession);
      assertThat(page.statusCode()).as(path).isEqualTo(403);
      assertThat(page.body()).contains("This page is for administrators");
      assertThat(page.body()).doesNotContain("data-view=");
    }
    HttpResponse<String> user = op.get("/settings/admin/users/" + op.alice.id(), aliceSession);
    assertThat(user.statusCode()).isEqualTo(403);
    for (String path : USER_PAGES) {
      HttpResponse<String> page = op.get(path, aliceSession);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.body()).doesNotContain("/settings/admin/users\"");
    }
  }

  @Test
  void anAdminGetsEachPageWithItsViewAndTheAdminLinks() {
    Map<String, String> views =
        Map.of(
            "/settings/admin/users",
            "users",
            "/settings/admin/users/" + op.alice.id(),
            "user",
            "/settings/admin/user-groups",
            "groups",
            "/settings/admin/user-groups/some-group",
            "group",
            "/settings/audit-log/global",
            "audit-log-global",
            "/settings/apps",
            "apps",
            "/settings/api-keys",
            "api-keys",
            "/settings/audit-log",
            "audit-log");
    views.forEach(
        (path, view) -> {
          HttpResponse<String> page = op.get(path, adminSession);
          assertThat(page.statusCode()).as(path).isEqualTo(200);
          assertThat(page.body()).as(path).contains("data-view=\"" + view + "\"");
          assertThat(page.body()).contains("href=\"/settings/admin/users\" data-admin");
          assertThat(page.headers().firstValue("content-security-policy"))
              .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self' 'nonce-"));
        });
    assertThat(op.get("/settings/admin/users/not%20an%20id", adminSession).statusCode())
        .isEqualTo(404);
    HttpResponse<String> keys = op.get("/settings/admin/api-keys", adminSession);
    assertThat(keys.statusCode()).isEqualTo(302);
    assertThat(keys.headers().firstValue("location")).hasValue("/settings/api-keys");
  }

  @Test
  void signupPagesFollowTheSignupMode() {
    HttpResponse<String> disabled = op.get("/signup");
    assertThat(disabled.statusCode()).isEqualTo(403);
    assertThat(disabled.body()).contains("User signups are disabled");
    assertThat(op.get("/st/abcdef").body()).contains("User signups are disabled");
    assertThat(op.get("/login").body()).doesNotContain("href=\"/signup\"");

    setSignups("withToken");
    HttpResponse<String> withoutToken = op.get("/signup");
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.body()).contains("needs an invitation link");
    HttpResponse<String> withToken = op.get("/st/abcdef");
    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(withToken.body()).contains("data-token=\"abcdef\"");
    assertThat(op.get("/st/%3Cscript%3E").statusCode()).isEqualTo(400);

    setSignups("open");
    HttpResponse<String> open = op.get("/signup");
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body()).contains("id=\"signup-form\"");
    assertThat(op.get("/login").body()).contains("href=\"/signup\"");
    HttpResponse<String> signedIn = op.get("/signup", aliceSession);
    assertThat(signedIn.statusCode()).isEqualTo(302);
  }

  @Test
  void theSignInChoiceKeepsOnlyALocalRedirect() {
    HttpResponse<String> page = op.get("/login/alternative?redirect=%2Fsettings%2Fapps");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("href=\"/login/alternative/code?redirect=%2Fsettings%2Fapps\"");
    HttpResponse<String> evil = op.get("/login/alternative?redirect=https%3A%2F%2Fevil.example");
    assertThat(evil.body()).doesNotContain("evil.example");
  }

  @Test
  void aQrCodeIsAnSvgForSignedInUsersOnly() {
    String body = "{\"text\":\"http://localhost:1411/lc/ABCDEFGH\"}";
    HttpResponse<String> anonymous = op.json("POST", "/api/qr-code", body);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> svg = op.json("POST", "/api/qr-code", body, aliceSession);
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.headers().firstValue("content-type")).hasValue("image/svg+xml");
    assertThat(svg.body()).startsWith("<svg").contains("<path fill=\"#000000\" d=\"M4,4h1v1h-1z");
    HttpResponse<String> other =
        op.json(
            "POST", "/api/qr-code", "{\"text\":\"http://localhost:1411/lc/OTHER\"}", aliceSession);
    assertThat(other.body()).isNotEqualTo(svg.body());
    HttpResponse<String> tooLong =
        op.json("POST", "/api/qr-code", "{\"text\":\"" + "x".repeat(513) + "\"}", aliceSession);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("Text is required and may have at most 512 characters");
    assertThat(op.json("POST", "/api/qr-code", "{}", aliceSession).statusCode()).isEqualTo(400);
  }

  private void setSignups(String mode) {
    HttpResponse<String> saved =
        op.json(
            "PUT",
            "/api/application-configuration",
            "{\"" + AppConfigKey.ALLOW_USER_SIGNUPS.key() + "\":\"" + mode + "\"}",
            adminSession);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
