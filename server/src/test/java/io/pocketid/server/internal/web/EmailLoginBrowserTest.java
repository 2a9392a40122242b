package io.pocketid.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.pocketid.core.store.Storage;
import io.pocketid.server.PocketIdServer;
import io.pocketid.server.TestSmtp;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person without their passkey asks for a login code by email on the sign-in page, receives it
 * from a real SMTP server (GreenMail on loopback) and signs in by opening the link, in Chromium.
 */
class EmailLoginBrowserTest {
  @TempDir Path data;
  private GreenMail greenMail;
  private PocketIdServer server;
  private Browser browser;
  private String base;

  @BeforeEach
  void start() throws IOException {
    greenMail = TestSmtp.start();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://localhost:" + port;
    Storage storage =
        JdbcStorage.open(ConnectionStrings.parse("sqlite", data.resolve("db.sqlite").toString()));
    storage
        .appConfig()
        .saveAll(TestSmtp.settings(greenMail, "emailOneTimeAccessAsUnauthenticatedEnabled"));
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
    browser = Browser.open();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    server.stop();
    greenMail.stop();
  }

  @Test
  void aLoginCodeAskedForOnTheSignInPageArrivesByMailAndItsLinkSignsIn() throws Exception {
    browser.get(base + "/setup");
    browser.type("#firstName", "Ada");
    browser.type("#lastName", "Lovelace");
    browser.type("#username", "ada");
    browser.type("#email", "ada@example.com");
    browser.click("#setup-form button[type=submit]");
    browser.waitForPath("/signup/add-passkey");
    browser.get(base + "/logout");
    browser.click("form[action='/logout'] button[type=submit]");
    browser.waitForPath("/login");

    browser.click("a[href='/login/alternative/email']");
    browser.waitForPath("/login/alternative/email");
    browser.type("#email", "ada@example.com");
    browser.click("#email-form button[type=submit]");
    browser.waitForText("#sent", "on its way");

    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
    Matcher link = Pattern.compile(Pattern.quote(base) + "/lc/[A-Za-z0-9]+\\S*").matcher(text);
    assertThat(link.find()).as(text).isTrue();

    browser.get(link.group());
    browser.waitForPath("/settings/account");
    assertThat(browser.find("body").getText()).contains("Ada");
  }
}
