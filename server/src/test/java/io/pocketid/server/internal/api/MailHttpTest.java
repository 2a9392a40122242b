package io.pocketid.server.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.pocketid.core.store.Storage;
import io.pocketid.server.PocketIdServer;
import io.pocketid.server.TestSmtp;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import io.pocketid.webauthn.SoftwareAuthenticator;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail over HTTP against the real server on SQLite and a real SMTP server on loopback (GreenMail):
 * "email me a login code" (no enumeration, signs in), the new-device mail after a passkey sign-in,
 * and the admin's test mail.
 */
class MailHttpTest {
  private static final String SETUP =
      "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}";

  @TempDir Path data;
  private GreenMail greenMail;
  private Storage storage;
  private PocketIdServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    greenMail = TestSmtp.start();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://localhost:" + port;
    storage =
        JdbcStorage.open(ConnectionStrings.parse("sqlite", data.resolve("db.sqlite").toString()));
    storage
        .appConfig()
        .saveAll(
            TestSmtp.settings(
                greenMail,
                "emailOneTimeAccessAsUnauthenticatedEnabled",
                "emailLoginNotificationEnabled",
                "emailOneTimeAccessAsAdminEnabled"));
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
  }

  @AfterEach
  void stop() {
    server.stop();
    greenMail.stop();
  }

  private MimeMessage[] awaitMails(int count) {
    assertThat(greenMail.waitForIncomingEmail(10_000, count)).as("%d mails", count).isTrue();
    return greenMail.getReceivedMessages();
  }

  private static String text(MimeMessage message) throws Exception {
    return (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
  }

  @Test
  void loginCodeByEmailAnswersTheSameForAnyAddressAndTheMailedCodeSignsIn() throws Exception {
    new Client(base).json("POST", "/api/signup/setup", SETUP);
    Client stranger = new Client(base);

    HttpResponse<String> unknown =
        stranger.json("POST", "/api/one-time-access-email", "{\"email\":\"eve@example.com\"}");
    HttpResponse<String> known =
        stranger.json("POST", "/api/one-time-access-email", "{\"email\":\"Ada@Example.com\"}");

    assertThat(unknown.statusCode()).isEqualTo(204);
    assertThat(known.statusCode()).isEqualTo(204);
    assertThat(known.body()).isEqualTo(unknown.body());
    MimeMessage[] received = awaitMails(1);
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
    assertThat(received[0].getSubject()).isEqualTo("Login Code");
    Matcher link =
        Pattern.compile(Pattern.quote(base) + "/lc/([A-Za-z0-9]+)").matcher(text(received[0]));
    assertThat(link.find()).isTrue();

    HttpResponse<String> signedIn =
        stranger.json("POST", "/api/one-time-access-token/" + link.group(1), null);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    assertThat(stranger.get("/api/users/me").body()).contains("\"username\":\"ada\"");
  }

  @Test
  void loginCodeByEmailRefusesAMalformedAddressAndIsRateLimitedPerAddress() {
    Client stranger = new Client(base);

    HttpResponse<String> malformed =
        stranger.json("POST", "/api/one-time-access-email", "{\"email\":\"not-an-address\"}");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("Email must be a valid email address");
    stranger.json("POST", "/api/one-time-access-email", "{\"email\":\"a@example.com\"}");
    stranger.json("POST", "/api/one-time-access-email", "{\"email\":\"b@example.com\"}");

    HttpResponse<String> fourth =
        stranger.json("POST", "/api/one-time-access-email", "{\"email\":\"c@example.com\"}");
    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(storage.loginCodes().deleteExpired(java.time.Instant.parse("3000-01-01T00:00:00Z")))
        .isZero();
  }

  @Test
  void aPasskeySignInFromANewBrowserIsMailedOnce() throws Exception {
    Client browser = new Client(base);
    SoftwareAuthenticator authenticator = new SoftwareAuthenticator(base, "localhost");
    browser.json("POST", "/api/signup/setup", SETUP);
    HttpResponse<String> options = browser.get("/api/webauthn/register/start");
    browser.json("POST", "/api/webauthn/register/finish", authenticator.register(options.body()));

    String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    String chrome =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";
    signIn(browser, authenticator, firefox);
    signIn(browser, authenticator, firefox);
    signIn(browser, authenticator, chrome);

    MimeMessage[] received = awaitMails(2);
    assertThat(received).hasSize(2);
    assertThat(received[0].getSubject()).isEqualTo("New device login with Pocket ID");
    assertThat(text(received[0])).contains("Firefox on Linux").contains("127.0.0.1");
    assertThat(text(received[1])).contains("Chrome on Windows 10/11");
  }

  @Test
  void anAdminMailsALoginCode() throws Exception {
    Client admin = new Client(base);
    admin.json("POST", "/api/signup/setup", SETUP);
    String path =
        "/api/users/"
            + storage.users().findByUsername("ada").orElseThrow().id()
            + "/one-time-access-email";

    HttpResponse<String> badTtl = admin.json("POST", path, "{\"ttl\":\"soon\"}");
    assertThat(badTtl.statusCode()).isEqualTo(400);
    assertThat(badTtl.body()).contains("Ttl is invalid");

    assertThat(admin.json("POST", path, "{\"ttl\":\"1h\"}").statusCode()).isEqualTo(204);
    MimeMessage mail = awaitMails(1)[0];
    assertThat(text(mail)).contains("expires in 60 minutes");
    assertThat(new Client(base).json("POST", path, "{}").statusCode()).isEqualTo(401);
  }

  private static void signIn(Client browser, SoftwareAuthenticator authenticator, String agent)
      throws Exception {
    Map<String, String> headers = Map.of("User-Agent", agent);
    HttpResponse<String> options = browser.json("GET", "/api/webauthn/login/start", null, headers);
    HttpResponse<String> finish =
        browser.json(
            "POST",
            "/api/webauthn/login/finish",
            authenticator.authenticate(options.body()),
            headers);
    assertThat(finish.statusCode()).as(finish.body()).isEqualTo(200);
  }

  @Test
  void theTestMailReachesTheAdminAndAFailureNamesTheSmtpError() throws Exception {
    Client admin = new Client(base);
    admin.json("POST", "/api/signup/setup", SETUP);

    assertThat(admin.json("POST", "/api/application-configuration/test-email", null).statusCode())
        .isEqualTo(204);
    assertThat(awaitMails(1)[0].getSubject()).isEqualTo("Test email");

    greenMail.stop();
    HttpResponse<String> failed =
        admin.json("POST", "/api/application-configuration/test-email", null);
    assertThat(failed.statusCode()).isEqualTo(400);
    assertThat(failed.body()).contains("The test email could not be sent");
    HttpResponse<String> status =
        admin.json("GET", "/api/application-configuration/email-status", null);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).isEqualTo("{\"configured\":true,\"waiting\":0,\"lastFailure\":null}");
    assertThat(
            new Client(base)
                .json("POST", "/api/application-configuration/test-email", null)
                .statusCode())
        .isEqualTo(401);
  }
}
