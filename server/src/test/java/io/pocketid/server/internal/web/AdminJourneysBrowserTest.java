package io.pocketid.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.server.PocketIdServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The administration journeys in Chromium with virtual passkeys: each person has their own browser
 * (and authenticator), the admin works only on the pages, and the server is the real one on SQLite.
 */
class AdminJourneysBrowserTest {
  @TempDir Path data;
  private String base;
  private PocketIdServer server;
  private final List<Browser> browsers = new ArrayList<>();
  private Browser admin;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://localhost:" + port;
    server =
        PocketIdServer.builder()
            .port(port)
            .host("127.0.0.1")
            .appUrl(base)
            .dataDirectory(data)
            .build();
    server.start();
    server.ready().join();
    admin = browser();
    admin.setUpAdminWithPasskey(base);
  }

  @AfterEach
  void stop() {
    for (Browser browser : browsers) {
      browser.close();
    }
    server.stop();
  }

  @Test
  void anAdminCreatesAUserAndALoginCodeAndTheUserSignsInAndRegistersAPasskey() {
    assertThat(admin.find("header nav").getText()).contains("Users", "Groups");
    admin.click("header nav a[href='/settings/admin/users']");
    admin.waitForPath("/settings/admin/users");
    admin.click("#add-user");
    admin.type("#firstName", "Bob");
    admin.type("#lastName", "Builder");
    admin.type("#username", "bob");
    admin.type("#email", "bob@example.com");
    admin.click("#user-form button[type=submit]");
    admin.waitForText("#notice", "bob was created");
    assertThat(admin.path()).startsWith("/settings/admin/users/");

    admin.click("#login-code-form button[type=submit]");
    String link = admin.find(".secret a[data-link]").getAttribute("href");
    assertThat(link).startsWith(base + "/lc/");
    assertThat(admin.find(".secret img.qr").getAttribute("src")).startsWith("blob:");

    Browser bob = browser();
    bob.get(link);
    bob.waitForPath("/settings/account");
    assertThat(bob.find("header nav").getText()).contains("Bob Builder").doesNotContain("Users");
    bob.click("#add-passkey");
    bob.waitForText(".passkeys", "Added");

    bob.signOut(base);
    bob.click("#passkey-login");
    bob.waitForPath("/settings/account");
    assertThat(bob.find("#username").getAttribute("value")).isEqualTo("bob");

    // A non-admin who types an admin URL is refused, and its API says why.
    bob.get(base + "/settings/admin/users");
    assertThat(bob.find("main").getText()).contains("for administrators");
  }

  @Test
  void aClientRestrictedToAGroupRefusesANonMemberAndLetsAMemberThrough() throws Exception {
    String bobId = createUser("bob");
    String carolId = createUser("carol");

    admin.get(base + "/settings/admin/user-groups");
    admin.type("#friendlyName", "Family Members");
    assertThat(admin.find("#name").getAttribute("value")).isEqualTo("family_members");
    admin.click("#group-form button[type=submit]");
    admin.waitForText("#notice", "Family Members was created");
    String groupId = admin.path().substring("/settings/admin/user-groups/".length());
    admin.click("label[for='member-" + bobId + "']");
    admin.click("#members-form button[type=submit]");
    admin.waitForText("#notice", "Members saved");

    String clientId = createClient("Photos", "http://localhost:9/callback");
    HttpResponse<String> restricted =
        adminApi(
            "PUT",
            "/api/oidc/clients/" + clientId + "/allowed-user-groups",
            "{\"userGroupIds\":[\"" + groupId + "\"]}");
    assertThat(restricted.statusCode()).as(restricted.body()).isEqualTo(200);

    String authorize =
        base
            + "/authorize?response_type=code&scope=openid&client_id="
            + clientId
            + "&redirect_uri="
            + URLEncoder.encode("http://localhost:9/callback", StandardCharsets.UTF_8)
            + "&state=s1";
    Browser carol = signedIn(carolId);
    carol.get(authorize);
    assertThat(carol.path()).as(carol.url()).isEqualTo("/authorize");
    assertThat(carol.find("main").getText()).contains("not allowed to access");

    Browser bob = signedIn(bobId);
    bob.get(authorize);
    bob.click("#allow");
    new WebDriverWait(bob.driver, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().startsWith("http://localhost:9/callback"));
    assertThat(query(bob.url())).containsKey("code").containsEntry("state", "s1");
  }

  @Test
  void aSignupLinkLetsSomeoneCreateAnAccountWithAPasskey() throws Exception {
    HttpResponse<String> mode =
        adminApi("PUT", "/api/application-configuration", "{\"allowUserSignups\":\"withToken\"}");
    assertThat(mode.statusCode()).as(mode.body()).isEqualTo(200);

    admin.get(base + "/settings/admin/users");
    new org.openqa.selenium.support.ui.Select(admin.find("#signupTtl")).selectByValue("24h");
    admin.type("#usageLimit", "1");
    admin.click("#signup-token-form button[type=submit]");
    String link = admin.find(".secret a[data-link]").getAttribute("href");
    assertThat(link).startsWith(base + "/st/");

    Browser dora = browser();
    dora.get(base + "/signup");
    assertThat(dora.find("main").getText()).contains("needs an invitation link");
    dora.get(link);
    dora.type("#firstName", "Dora");
    dora.type("#username", "dora");
    dora.type("#email", "dora@example.com");
    dora.click("#signup-form button[type=submit]");
    dora.waitForPath("/signup/add-passkey");
    dora.click("#add-passkey");
    dora.waitForPath("/settings/account");
    assertThat(dora.find("#username").getAttribute("value")).isEqualTo("dora");

    // The link was for one signup: a second person is told so and no account is made.
    Browser eve = browser();
    eve.get(link);
    eve.type("#firstName", "Eve");
    eve.type("#username", "eve");
    eve.type("#email", "eve@example.com");
    eve.click("#signup-form button[type=submit]");
    eve.waitForText("#error", "Token is invalid or expired");
    assertThat(adminApi("GET", "/api/users?search=eve", null).body()).contains("\"totalItems\":0");
  }

  @Test
  void anAdminCreatesAClientOnThePageAndARelyingPartySignsInWithItsSecret() throws Exception {
    admin.click("header nav a[href='/settings/admin/oidc-clients']");
    admin.waitForPath("/settings/admin/oidc-clients");
    admin.click("#add-client");
    admin.type("#name", "Wiki");
    admin.type("#callbackURLs", "http://localhost:9/callback");
    admin.click("#client-form button[type=submit]");
    String secret = admin.find("#client-secret").getText();
    assertThat(secret).hasSize(32);
    admin.click("#continue");
    admin.waitForText("#view-title", "Wiki");
    String clientId = admin.find("#client-id").getText();
    assertThat(admin.find("dl.endpoints").getText())
        .contains(base + "/.well-known/openid-configuration", base + "/authorize");

    admin.click("#preview-form button[type=submit]");
    assertThat(admin.find("#preview-id-token").getText())
        .contains("\"aud\": \"" + clientId + "\"", "\"preferred_username\": \"ada\"");
    assertThat(admin.find("#preview-userinfo").getText())
        .contains("\"email\": \"ada@example.com\"");

    admin.get(
        base
            + "/authorize?response_type=code&scope=openid&client_id="
            + clientId
            + "&redirect_uri="
            + URLEncoder.encode("http://localhost:9/callback", StandardCharsets.UTF_8)
            + "&state=s3");
    admin.click("#allow");
    new WebDriverWait(admin.driver, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().startsWith("http://localhost:9/callback"));
    HttpResponse<String> tokens =
        token(
            clientId,
            secret,
            "grant_type=authorization_code&code="
                + query(admin.url()).get("code")
                + "&redirect_uri="
                + URLEncoder.encode("http://localhost:9/callback", StandardCharsets.UTF_8));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    assertThat(json(tokens.body()).getString("id_token")).isNotBlank();

    // A wrong secret is refused: the page showed the one that works.
    assertThat(token(clientId, secret + "x", "grant_type=client_credentials").statusCode())
        .isEqualTo(401);
  }

  @Test
  void theAppNameAndAccentColourSetOnTheSettingsPageShowOnTheSignInPage() throws Exception {
    admin.click("header nav a[href='/settings/admin/application-configuration']");
    admin.waitForPath("/settings/admin/application-configuration");
    admin.type("#appName", "Family ID");
    admin.type("#accentColor", "url(x)");
    admin.click("#settings-general button[type=submit]");
    admin.waitForText("#settings-general + .alert.error", "AccentColor must be");
    assertThat(admin.find("#accentColor").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(adminApi("GET", "/api/application-configuration", null).body())
        .doesNotContain("Family ID");

    admin.type("#accentColor", "#c2410c");
    admin.click("#settings-general button[type=submit]");
    admin.waitForText("#notice", "General settings saved");
    assertThat(admin.find("#appName").getAttribute("value")).isEqualTo("Family ID");

    Browser visitor = browser();
    visitor.get(base + "/login");
    assertThat(visitor.find("h1").getText()).isEqualTo("Sign in to Family ID");
    assertThat(visitor.driver.getTitle()).endsWith("Family ID");
    Object accent =
        visitor.driver.executeScript(
            "return getComputedStyle(document.getElementById('passkey-login')).backgroundColor");
    assertThat(accent).isEqualTo("rgb(194, 65, 12)");
  }

  @Test
  void revokingAnAppInMyAppsStopsItsRefreshToken() throws Exception {
    String clientId = createClient("Notes", "http://localhost:9/callback");
    String secret =
        json(adminApi("POST", "/api/oidc/clients/" + clientId + "/secret", null).body())
            .getString("secret");
    admin.get(
        base
            + "/authorize?response_type=code&scope="
            + URLEncoder.encode("openid offline_access", StandardCharsets.UTF_8)
            + "&prompt=consent&client_id="
            + clientId
            + "&redirect_uri="
            + URLEncoder.encode("http://localhost:9/callback", StandardCharsets.UTF_8)
            + "&state=s2");
    admin.click("#allow");
    new WebDriverWait(admin.driver, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().startsWith("http://localhost:9/callback"));
    String code = query(admin.url()).get("code");
    HttpResponse<String> tokens =
        token(
            clientId,
            secret,
            "grant_type=authorization_code&code="
                + code
                + "&redirect_uri="
                + URLEncoder.encode("http://localhost:9/callback", StandardCharsets.UTF_8));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    String refresh = json(tokens.body()).getString("refresh_token");

    admin.get(base + "/settings/apps");
    admin.click("[data-revoke='Notes']");
    admin.driver.switchTo().alert().accept();
    admin.waitForText("#notice", "Notes no longer has access");

    HttpResponse<String> refreshed =
        token(clientId, secret, "grant_type=refresh_token&refresh_token=" + refresh);
    assertThat(refreshed.statusCode()).isEqualTo(400);
    assertThat(refreshed.body()).contains("invalid_grant");
  }

  @Test
  void disablingASignedInUserEndsTheirSession() throws Exception {
    String bobId = createUser("bob");
    Browser bob = signedIn(bobId);
    bob.get(base + "/settings/account");
    assertThat(bob.path()).isEqualTo("/settings/account");

    admin.get(base + "/settings/admin/users");
    admin.click("[data-toggle-disabled='bob']");
    admin.driver.switchTo().alert().accept();
    admin.waitForText("#notice", "bob is disabled");

    bob.get(base + "/settings/account");
    bob.waitForPath("/login");
  }

  @Test
  void destructiveActionsAskFirstAndDoNothingWhenDismissed() throws Exception {
    createUser("bob");
    admin.get(base + "/settings/admin/users");
    admin.click("[data-delete-user='bob']");
    assertThat(admin.driver.switchTo().alert().getText()).contains("Delete the user bob");
    admin.driver.switchTo().alert().dismiss();
    assertThat(adminApi("GET", "/api/users?search=bob", null).body()).contains("\"totalItems\":1");

    admin.click("[data-delete-user='bob']");
    admin.driver.switchTo().alert().accept();
    admin.waitForText("#notice", "bob was deleted");
    assertThat(adminApi("GET", "/api/users?search=bob", null).body()).contains("\"totalItems\":0");
  }

  @Test
  void onAPhoneSizedScreenNothingScrollsSidewaysAndTheKeyboardReachesTheActions() throws Exception {
    createUser("bob");
    admin.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    for (String page :
        new String[] {
          "/settings/admin/users",
          "/settings/admin/oidc-clients",
          "/settings/admin/application-configuration",
          "/settings/account"
        }) {
      admin.get(base + page);
      admin.find("main");
      new WebDriverWait(admin.driver, Duration.ofSeconds(20))
          .until(
              d ->
                  page.equals("/settings/account")
                      || "true".equals(d.findElement(By.id("view")).getAttribute("data-ready")));
      Object overflow =
          admin.driver.executeScript(
              "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
      java.nio.file.Path shots = java.nio.file.Path.of("target", "screenshots");
      java.nio.file.Files.createDirectories(shots);
      java.nio.file.Files.write(
          shots.resolve("phone" + page.replace('/', '-') + ".png"),
          admin.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }
    // Keyboard: the "Add user" button takes focus and opens the form with Enter.
    admin.get(base + "/settings/admin/users");
    admin.find("#add-user");
    admin.driver.executeScript("document.getElementById('add-user').focus()");
    admin.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
    assertThat(admin.find("#user-form #firstName").isDisplayed()).isTrue();
    assertThat(admin.find("#add-user").getAttribute("aria-expanded")).isEqualTo("true");
  }

  @Test
  void theUsersTableSearchesSortsAndPaginates() throws Exception {
    for (int i = 0; i < 21; i++) {
      createUser(String.format("user%02d", i));
    }
    admin.get(base + "/settings/admin/users");
    admin.waitForText(".pager [role=status]", "22 in all");
    assertThat(admin.find(".pager [role=status]").getText()).contains("Page 1 of 2");
    assertThat(firstCell()).isEqualTo("ada");
    admin.click("button[data-sort='username']");
    waitForFirstCell("user20");
    admin.click(".pager button:last-child");
    admin.waitForText(".pager [role=status]", "Page 2 of 2");
    admin.find("input[type=search]").sendKeys("user07");
    admin.waitForText(".pager [role=status]", "1 in all");
    assertThat(firstCell()).isEqualTo("user07");
  }

  private String firstCell() {
    return admin.find("tbody tr:first-child td[data-label='Username']").getText();
  }

  private void waitForFirstCell(String text) {
    new WebDriverWait(admin.driver, Duration.ofSeconds(20))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tbody tr:first-child td[data-label='Username']"), text));
  }

  private Browser browser() {
    Browser browser = Browser.open();
    browser.disableConditionalUi();
    browsers.add(browser);
    return browser;
  }

  /** A new browser signed in as the user through a login code made with the admin API. */
  private Browser signedIn(String userId) throws Exception {
    HttpResponse<String> code =
        adminApi("POST", "/api/users/" + userId + "/one-time-access-token", "{\"ttl\":\"1h\"}");
    assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
    Browser browser = browser();
    browser.get(base + "/lc/" + json(code.body()).getString("token"));
    browser.waitForPath("/settings/account");
    return browser;
  }

  private String createUser(String username) throws Exception {
    HttpResponse<String> created =
        adminApi(
            "POST",
            "/api/users",
            "{\"username\":\""
                + username
                + "\",\"email\":\""
                + username
                + "@example.com\",\"firstName\":\""
                + username
                + "\",\"lastName\":\"Test\",\"displayName\":\""
                + username
                + " Test\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created.body()).getString("id");
  }

  private String createClient(String name, String callback) throws Exception {
    HttpResponse<String> created =
        adminApi(
            "POST",
            "/api/oidc/clients",
            "{\"name\":\"" + name + "\",\"callbackURLs\":[\"" + callback + "\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created.body()).getString("id");
  }

  /** The admin API with the admin browser's session cookie. */
  private HttpResponse<String> adminApi(String method, String path, String body) throws Exception {
    Cookie session = admin.driver.manage().getCookieNamed("access_token");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Cookie", "access_token=" + session.getValue())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> token(String clientId, String secret, String form) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/oidc/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  /** The query parameters of a URL (decoded). */
  private static Map<String, String> query(String url) {
    Map<String, String> params = new java.util.LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
