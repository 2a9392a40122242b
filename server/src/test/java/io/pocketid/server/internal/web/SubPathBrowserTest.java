package io.pocketid.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.server.PocketIdServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server under a sub-path ({@code APP_URL=http://localhost:<port>/auth}), as behind a proxy
 * that keeps the path: every URL, redirect and cookie stays under {@code /auth}, and passkeys and
 * the settings console work there in Chromium.
 */
class SubPathBrowserTest {
  @TempDir Path data;
  private PocketIdServer server;
  private String origin;
  private String base;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    origin = "http://localhost:" + port;
    base = origin + "/auth";
    server =
        PocketIdServer.builder()
            .port(port)
            .host("127.0.0.1")
            .appUrl(base)
            .dataDirectory(data)
            .build();
    server.start();
    server.ready().join();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url.replace("localhost", "127.0.0.1"))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void urlsRedirectsAndCookiesStayUnderThePath() throws Exception {
    HttpResponse<String> discovery = get(base + "/.well-known/openid-configuration");
    assertThat(discovery.statusCode()).isEqualTo(200);
    assertThat(discovery.body())
        .contains("\"issuer\":\"" + base + "\"")
        .contains("\"authorization_endpoint\":\"" + base + "/authorize\"")
        .contains("\"token_endpoint\":\"" + base + "/api/oidc/token\"");
    assertThat(get(origin + "/healthz").statusCode()).isEqualTo(204);
    assertThat(get(base + "/healthz").statusCode()).isEqualTo(204);
    assertThat(get(origin + "/login").statusCode()).isEqualTo(404);
    HttpResponse<String> bare = get(base);
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("location")).hasValue("/auth/");
    HttpResponse<String> account = get(base + "/settings/account");
    assertThat(account.headers().firstValue("location"))
        .hasValue("/auth/login?redirect=%2Fsettings%2Faccount");
    HttpResponse<String> slash = get(base + "/login/");
    assertThat(slash.headers().firstValue("location")).hasValue("/auth/login");

    assertThat(get(base + "/app.webmanifest").body())
        .contains("\"start_url\":\"/auth/settings/account\"")
        .contains("\"src\":\"/auth/api/application-images/logo?light=true");
    HttpResponse<String> login = get(base + "/login");
    assertThat(login.body())
        .contains("data-base=\"/auth\"")
        .contains("src=\"/auth/static/app.js?v=")
        .contains("href=\"/auth/login/alternative\"")
        .doesNotContain("href=\"/login");
    assertThat(login.headers().allValues("set-cookie"))
        .isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie).contains("Path=/auth"));
  }

  @Test
  void setupPasskeySignInAndTheConsoleWorkUnderThePath() {
    try (Browser browser = Browser.open()) {
      browser.disableConditionalUi();
      browser.get(base + "/setup");
      browser.type("#firstName", "Ada");
      browser.type("#lastName", "Lovelace");
      browser.type("#username", "ada");
      browser.type("#email", "ada@example.com");
      browser.click("#setup-form button[type=submit]");
      browser.waitForPath("/auth/signup/add-passkey");
      browser.click("#add-passkey");
      browser.waitForPath("/auth/settings/account");

      browser.get(base + "/logout");
      browser.click("form[action='/auth/logout'] button[type=submit]");
      browser.waitForPath("/auth/login");
      browser.get(base + "/settings/admin/users");
      browser.waitForPath("/auth/login");
      browser.click("#passkey-login");
      browser.waitForPath("/auth/settings/admin/users");
      browser.waitForText("tbody", "ada");
      browser.click("tbody a[href^='/auth/settings/admin/users/']");
      browser.waitForText("#view-title", "Ada Lovelace");
      assertThat(browser.path()).startsWith("/auth/settings/admin/users/");

      // An OpenID Connect sign-in through the sub-path: sign out, /authorize sends to the sign-in
      // page and back, the consent form posts under /auth, the code redeems at
      // /auth/api/oidc/token.
      String session = browser.driver.manage().getCookieNamed("access_token").getValue();
      String clientId = createClient(session);
      browser.signOut(base);
      String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
      String challenge =
          java.util.Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      browser.get(
          base
              + "/authorize?response_type=code&scope=openid&client_id="
              + clientId
              + "&redirect_uri=http%3A%2F%2Flocalhost%3A9%2Fcallback&state=s1"
              + "&code_challenge_method=S256&code_challenge="
              + challenge);
      browser.waitForPath("/auth/login");
      browser.click("#passkey-login");
      browser.click("#allow");
      new org.openqa.selenium.support.ui.WebDriverWait(
              browser.driver, java.time.Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().startsWith("http://localhost:9/callback"));
      String code = browser.url().replaceAll(".*[?&]code=([^&]+).*", "$1");
      HttpResponse<String> token =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base.replace("localhost", "127.0.0.1") + "/api/oidc/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "grant_type=authorization_code&client_id="
                              + clientId
                              + "&code="
                              + code
                              + "&code_verifier="
                              + verifier
                              + "&redirect_uri=http%3A%2F%2Flocalhost%3A9%2Fcallback"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
      assertThat(token.body()).contains("\"id_token\"");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A public client (no secret) created through the API with the admin's session. */
  private String createClient(String session) throws java.io.IOException, InterruptedException {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base.replace("localhost", "127.0.0.1") + "/api/oidc/clients"))
                .header("Cookie", "access_token=" + session)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Wiki\",\"isPublic\":true,"
                            + "\"callbackURLs\":[\"http://localhost:9/callback\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }
}
