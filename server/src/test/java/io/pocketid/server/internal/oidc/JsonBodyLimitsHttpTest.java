package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security finding 6 and the trailing-garbage note: every JSON reader refuses with a 400. */
class JsonBodyLimitsHttpTest {
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

  private static String nested(int depth) {
    return "{\"firstName\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
  }

  @Test
  void deeplyNestedJsonIsA400OnEveryReader() {
    String cookie = op.sessionCookie(op.admin);
    String deep = nested(1001);

    HttpResponse<String> account = op.json("PUT", "/api/users/me", deep, "Cookie", cookie);
    HttpResponse<String> client = op.json("POST", "/api/oidc/clients", deep, "Cookie", cookie);
    HttpResponse<String> started = op.get("/api/webauthn/login/start");
    String ceremony =
        started.headers().allValues("set-cookie").stream()
            .map(c -> c.substring(0, c.indexOf(';')))
            .filter(c -> !c.startsWith("csrf"))
            .findFirst()
            .orElseThrow();
    HttpResponse<String> passkey =
        op.json("POST", "/api/webauthn/login/finish", deep, "Cookie", ceremony);
    HttpResponse<String> setup = op.json("POST", "/api/signup/setup", deep);

    for (HttpResponse<String> response : java.util.List.of(account, client, passkey, setup)) {
      assertThat(response.statusCode()).as(response.uri().getPath()).isEqualTo(400);
      assertThat(response.body()).contains("nested more than 32 levels deep");
    }
    assertThat(op.get("/api/users/me", "Cookie", cookie).body()).contains("\"firstName\":\"Ada\"");
  }

  @Test
  void nestingUpToTheLimitIsParsedAsUsual() {
    String cookie = op.sessionCookie(op.admin);
    HttpResponse<String> response = op.json("PUT", "/api/users/me", nested(31), "Cookie", cookie);

    // Parsed, then refused for its type: the depth check let it through.
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("nested more than");
  }

  @Test
  void contentAfterTheJsonObjectIsA400AndChangesNothing() {
    String cookie = op.sessionCookie(op.admin);
    HttpResponse<String> response =
        op.json(
            "PUT",
            "/api/users/me",
            "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"firstName\":\"Eve\","
                + "\"lastName\":\"L\"} {\"x\":1}",
            "Cookie",
            cookie);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unexpected content after the JSON value");
    assertThat(op.get("/api/users/me", "Cookie", cookie).body()).contains("\"firstName\":\"Ada\"");
  }

  @Test
  void malformedJsonNamesThePositionNotTheParsersInternals() {
    HttpResponse<String> response =
        op.json("PUT", "/api/users/me", "{\"firstName\": }", "Cookie", op.sessionCookie(op.admin));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("Invalid JSON at line 1, column")
        .doesNotContain("Expected tokens")
        .doesNotContain("CURLYCLOSE");
  }
}
