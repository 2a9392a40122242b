package io.pocketid.server.internal.oidc;

import static io.pocketid.server.internal.oidc.OidcTestServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.Consent;
import io.pocketid.core.model.OidcClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security finding 1: redirect targets with characters above U+00FF. Every assertion reads the
 * response's bytes off the socket: the check must hold for what is sent, not for a Java string.
 */
class RedirectWireHttpTest {
  private static final String WILDCARD = "wildcard-client";
  // "https://evil.example" + U+012F + ".example.com/cb": U+012F's low byte is '/'.
  private static final String EVIL_CB = "https%3A%2F%2Fevil.example%C4%AF.example.com%2Fcb";

  @TempDir Path dir;
  private OidcTestServer op;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
    op.storage
        .clients()
        .create(
            new OidcClient(
                WILDCARD,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "Wildcard",
                null,
                List.of("https://*.example.com/cb"),
                List.of("https://*.example.com/bye"),
                null,
                null,
                null,
                null,
                true,
                true,
                false,
                null,
                List.of()));
    op.storage
        .consents()
        .upsert(
            new Consent(
                op.alice.id(), WILDCARD, "openid", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
  }

  @AfterEach
  void stop() {
    op.close();
  }

  @Test
  void authorizeWithNonAsciiHostInWildcardCallbackThenNoRedirectAndNoCode() throws IOException {
    String head =
        rawGet(
            "/authorize?client_id="
                + WILDCARD
                + "&redirect_uri="
                + EVIL_CB
                + "&response_type=code&scope=openid&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256",
            op.sessionCookie(op.alice));

    assertThat(statusLine(head)).doesNotContain(" 302 ").contains(" 400 ");
    assertThat(head).doesNotContainIgnoringCase("\r\nlocation:");
  }

  @Test
  void authorizeWithWildcardCallbackStillRedirectsWithCode() throws IOException {
    String head =
        rawGet(
            "/authorize?client_id="
                + WILDCARD
                + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb"
                + "&response_type=code&scope=openid&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256",
            op.sessionCookie(op.alice));

    assertThat(statusLine(head)).contains(" 302 ");
    assertThat(location(head)).startsWith("https://app.example.com/cb?code=");
    assertAsciiOnly(head);
  }

  @Test
  void invalidAuthorizeRequestWithNonAsciiHostThenErrorPageNotErrorRedirect() throws IOException {
    // An invalid request (unsupported response_type) whose redirect_uri passes the check would be
    // answered with an error redirect; the non-ASCII host must not pass it.
    String head =
        rawGet(
            "/authorize?client_id="
                + WILDCARD
                + "&redirect_uri="
                + EVIL_CB
                + "&response_type=token&scope=openid&state=s",
            null);

    assertThat(head).doesNotContainIgnoringCase("\r\nlocation:");
    assertThat(statusLine(head)).contains(" 400 ");
  }

  @Test
  void endSessionWithNonAsciiLogoutTargetThenNoRedirectToIt() throws IOException {
    String head =
        rawGet(
            "/api/oidc/end-session?client_id="
                + WILDCARD
                + "&post_logout_redirect_uri=https%3A%2F%2Fevil.example%C4%AF.example.com%2Fbye",
            null);

    String location = location(head);
    assertThat(location == null || location.startsWith("/")).as(head).isTrue();
    assertAsciiOnly(head);
  }

  @Test
  void endSessionWithWildcardLogoutTargetStillRedirects() throws IOException {
    String head =
        rawGet(
            "/api/oidc/end-session?"
                + form(
                    "client_id", WILDCARD, "post_logout_redirect_uri", "https://a.example.com/bye"),
            null);

    assertThat(location(head)).isEqualTo("https://a.example.com/bye");
  }

  @Test
  void loginRedirectWithNonAsciiAfterSlashThenLocalPathOnTheWire() throws IOException {
    String cookie = op.sessionCookie(op.alice);
    for (String sneaky : List.of("%C4%AF", "%C5%9C", "%C5%80", "%C4%80")) {
      String head = rawGet("/login?redirect=/" + sneaky + "evil.example/x", cookie);

      String location = location(head);
      assertThat(location).as(head).startsWith("/").doesNotStartWith("//");
      assertThat(location).doesNotStartWith("/\\").isEqualTo("/" + sneaky + "evil.example/x");
      assertAsciiOnly(head);
    }
  }

  @Test
  void loginCodeLinkWithNonAsciiRedirectThenEncodedLocalTarget() throws IOException {
    String head = rawGet("/lc/abc?redirect=/%C4%AFevil.example/x", null);

    assertThat(statusLine(head)).contains(" 307 ");
    assertThat(location(head))
        .isEqualTo("/login/alternative/code?code=abc&redirect=%2F%25C4%25AFevil.example%2Fx");
    assertAsciiOnly(head);
  }

  private String rawGet(String pathAndQuery, String cookie) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", op.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + pathAndQuery
              + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
              + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
              + "\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      // ISO-8859-1 maps every byte to one char: the string shows the bytes as they were sent.
      String all = bytes.toString(StandardCharsets.ISO_8859_1);
      int end = all.indexOf("\r\n\r\n");
      return end < 0 ? all : all.substring(0, end + 2);
    }
  }

  private static String statusLine(String head) {
    return head.substring(0, head.indexOf("\r\n"));
  }

  private static String location(String head) {
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "location:", 0, 9)) {
        return line.substring(9).trim();
      }
    }
    return null;
  }

  private static void assertAsciiOnly(String head) {
    assertThat(head.chars().allMatch(c -> c == '\r' || c == '\n' || (c >= 0x20 && c < 0x7f)))
        .as("response head is printable ASCII: %s", head)
        .isTrue();
  }
}
