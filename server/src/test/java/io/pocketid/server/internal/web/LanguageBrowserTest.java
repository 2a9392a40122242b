package io.pocketid.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.server.PocketIdServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * A user switches the language on the account page: the page comes back in German, and so do the
 * header and the console pages the script builds.
 */
class LanguageBrowserTest {
  @TempDir Path data;
  private String base;
  private PocketIdServer server;
  private Browser browser;

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
    browser = Browser.open();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    server.stop();
  }

  @Test
  void choosingGermanOnTheAccountPageTranslatesThePagesAndTheConsole() {
    browser.setUpAdminWithPasskey(base);
    assertThat(browser.find("main h1").getText()).isEqualTo("My account");

    new Select(browser.find("#locale")).selectByVisibleText("Deutsch");
    browser.click("#account-form button[type=submit]");

    browser.waitForText("main h1", "Mein Konto");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("de");
    assertThat(browser.find("header nav").getText())
        .contains("Meine Apps", "Aktivitätsprotokoll", "Benutzer", "Abmelden")
        .doesNotContain("My apps");
    assertThat(browser.find("#account-form").getText()).contains("Vorname", "Sprache");

    browser.click("header nav a[href='/settings/audit-log']");
    browser.waitForPath("/settings/audit-log");
    browser.find("#view[data-ready='true']");
    assertThat(browser.find("#view-title").getText()).isEqualTo("Aktivitätsprotokoll");
    String console = browser.find("#view table").getText();
    assertThat(console).contains("Zeit", "Ereignis", "Gerät").doesNotContain("Time");
    assertThat(browser.waitForText("#view .pager", "Seite 1 von 1")).contains("Zurück", "Weiter");

    browser.get(base + "/settings/admin/users");
    browser.find("#view[data-ready='true']");
    assertThat(browser.find("#add-user").getText()).isEqualTo("Benutzer hinzufügen");
  }
}
