package io.pocketid.server.internal.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Headless Debian Chromium driven by Selenium, with a CTAP2 virtual authenticator (resident keys,
 * user verification). Skips the test where Chromium is missing, unless CI=true, where it fails.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  public final ChromeDriver driver;
  public final VirtualAuthenticator authenticator;
  private final WebDriverWait wait;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    this.authenticator =
        ((HasVirtualAuthenticator) driver)
            .addVirtualAuthenticator(
                new VirtualAuthenticatorOptions()
                    .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                    .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                    .setHasResidentKey(true)
                    .setHasUserVerification(true)
                    .setIsUserVerified(true)
                    .setIsUserConsenting(true));
  }

  public static Browser open() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      String message =
          "Chromium not found: install Debian's chromium and chromium-driver"
              + " (apt-get install chromium chromium-driver) to run the browser tests";
      if ("true".equalsIgnoreCase(System.getenv("CI"))
          || "true".equalsIgnoreCase(System.getProperty("pocketid.ci"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1200,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options));
  }

  /**
   * Makes the page believe conditional mediation is unavailable, so the login page does not sign in
   * by itself (the virtual authenticator answers a conditional request at once, where a person
   * would pick the passkey from the autofill list).
   */
  public void disableConditionalUi() {
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        java.util.Map.of(
            "source",
            "if (window.PublicKeyCredential) {"
                + " PublicKeyCredential.isConditionalMediationAvailable = async () => false; }"));
  }

  /**
   * First-run setup at {@code base}: creates the administrator Ada Lovelace ({@code ada}) and
   * registers this browser's passkey, ending on the account page.
   */
  public void setUpAdminWithPasskey(String base) {
    get(base + "/setup");
    type("#firstName", "Ada");
    type("#lastName", "Lovelace");
    type("#username", "ada");
    type("#email", "ada@example.com");
    click("#setup-form button[type=submit]");
    waitForPath("/signup/add-passkey");
    click("#add-passkey");
    waitForPath("/settings/account");
  }

  /** Signs out through the confirmation page, ending on {@code /login} (under base's path). */
  public void signOut(String base) {
    get(base + "/logout");
    click("form[action$='/logout'] button[type=submit]");
    String path = java.net.URI.create(base).getPath();
    waitForPath((path == null ? "" : path) + "/login");
  }

  public void get(String url) {
    driver.get(url);
  }

  public WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  public void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  public void type(String css, String text) {
    WebElement element = find(css);
    element.clear();
    element.sendKeys(text);
  }

  public void waitForPath(String path) {
    wait.until(
        d -> {
          String url = d.getCurrentUrl();
          return url != null && java.net.URI.create(url).getPath().equals(path);
        });
  }

  /** Waits until the element's text contains {@code text}, and returns the whole text. */
  public String waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    return driver.findElement(By.cssSelector(css)).getText();
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  public WebDriver.Options manage() {
    return driver.manage();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
