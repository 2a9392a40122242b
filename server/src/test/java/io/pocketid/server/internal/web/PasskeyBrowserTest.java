package io.pocketid.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.server.PocketIdServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The passkey journeys in a real Chromium with a virtual authenticator, against the real server on
 * SQLite, opened as http://localhost:port (an IP address is not a valid RP ID).
 */
class PasskeyBrowserTest {
  @TempDir Path data;
  private PocketIdServer server;
  private Browser browser;
  private String base;

  @BeforeEach
  void start() throws IOException {
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

  private void withoutConditionalUi() {
    browser.disableConditionalUi();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    server.stop();
  }

  private void setUpAdminWithPasskey() {
    browser.setUpAdminWithPasskey(base);
  }

  private void signOut() {
    browser.signOut(base);
  }

  @Test
  void firstRunSetupThenSignOutThenSignInWithThePasskey() {
    withoutConditionalUi();
    setUpAdminWithPasskey();
    assertThat(browser.find("#username").getAttribute("value")).isEqualTo("ada");
    assertThat(browser.driver.findElements(By.cssSelector("ul.passkeys li"))).hasSize(1);
    assertThat(browser.authenticator.getCredentials()).hasSize(1);

    signOut();
    browser.get(base + "/settings/account");
    browser.waitForPath("/login");
    browser.click("#passkey-login");
    browser.waitForPath("/settings/account");
    assertThat(browser.find("#displayName").getAttribute("value")).isEqualTo("Ada Lovelace");
  }

  @Test
  void loginPageOffersThePasskeyByAutofillAsItLoads() {
    setUpAdminWithPasskey();
    browser.get(base + "/logout");
    browser.click("form[action='/logout'] button[type=submit]");
    // The login page starts a conditional request on load; the virtual authenticator answers it
    // as a person picking the passkey from the username field's autofill would.
    browser.waitForPath("/settings/account");
    assertThat(browser.find("#username").getAttribute("value")).isEqualTo("ada");
  }

  @Test
  void setupWhenAlreadyCompletedThenRefused() {
    withoutConditionalUi();
    setUpAdminWithPasskey();
    signOut();
    browser.get(base + "/setup");
    assertThat(browser.find("main").getText()).contains("Setup already completed");
  }

  @Test
  void renameAndDeleteAPasskey() {
    withoutConditionalUi();
    setUpAdminWithPasskey();
    browser.click("[data-rename]");
    Alert prompt =
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(5))
            .until(ExpectedConditions.alertIsPresent());
    prompt.sendKeys("Work laptop");
    prompt.accept();
    browser.waitForText("ul.passkeys", "Work laptop");

    browser.click("[data-delete]");
    new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(5))
        .until(ExpectedConditions.alertIsPresent())
        .accept();
    browser.waitForText("main", "Passkey missing");
    assertThat(browser.driver.findElements(By.cssSelector("ul.passkeys li"))).isEmpty();
  }

  @Test
  void secondRegistrationOfTheSameAuthenticatorIsRefused() {
    withoutConditionalUi();
    setUpAdminWithPasskey();
    browser.click("#add-passkey");
    assertThat(browser.waitForText("#passkey-error", "already registered"))
        .contains("already registered");
    assertThat(browser.driver.findElements(By.cssSelector("ul.passkeys li"))).hasSize(1);
  }

  @Test
  void signInWithALoginCodeLink() {
    withoutConditionalUi();
    setUpAdminWithPasskey();
    browser.click("#create-code");
    String link = browser.find("#login-code-link").getText();
    assertThat(link).startsWith(base + "/lc/");
    signOut();
    browser.authenticator.removeAllCredentials();
    browser.get(link);
    browser.waitForPath("/settings/account");
    assertThat(browser.find("#username").getAttribute("value")).isEqualTo("ada");
    // A login code works once.
    signOut();
    browser.get(link);
    assertThat(browser.waitForText("#error", "invalid")).contains("Token is invalid or expired");
  }

  @Test
  void loginCodeLinkOpenedWhileSignedInWaitsForAClick() throws InterruptedException {
    // Security finding 7: a link must not switch a signed-in person's account by itself.
    withoutConditionalUi();
    setUpAdminWithPasskey();
    browser.click("#create-code");
    String link = browser.find("#login-code-link").getText();

    browser.get(link);
    browser.waitForPath("/login/alternative/code");
    assertThat(browser.find("#signed-in-warning").getText()).contains("You are signed in as Ada");
    Thread.sleep(1500);
    assertThat(browser.path()).isEqualTo("/login/alternative/code");
    // No attempt was made: no error shown (an empty alert is hidden).
    assertThat(browser.driver.findElement(By.cssSelector("#error")).isDisplayed()).isFalse();

    // The code was not used: pressing the button signs in with it.
    browser.click("#code-form button[type=submit]");
    browser.waitForPath("/settings/account");
  }

  @Test
  void signInWithoutUserVerificationFailsWithAVisibleMessage() {
    withoutConditionalUi();
    setUpAdminWithPasskey();
    signOut();
    browser.authenticator.setUserVerified(false);
    browser.click("#passkey-login");
    assertThat(browser.waitForText("#error", "could not verify you"))
        .contains("could not verify you");
    assertThat(browser.path()).isEqualTo("/login");
  }
}
