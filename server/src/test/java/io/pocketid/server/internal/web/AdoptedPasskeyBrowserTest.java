package io.pocketid.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.server.PocketIdServer;
import io.pocketid.storage.jdbc.PocketIdV115Database;
import io.pocketid.webauthn.SoftwareAuthenticator;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.virtualauthenticator.Credential;

/**
 * A passkey registered with Pocket ID v1.15 (same RP ID) signs in after the server adopted the
 * database: Chromium's virtual authenticator holds the private key the test created, the adopted
 * row holds its COSE public key.
 */
class AdoptedPasskeyBrowserTest {
  static final String TIM = "f4b89dc2-62fb-46bf-9f5f-c34f4eafe93e";
  static final byte[] CREDENTIAL_ID =
      "pocket-id-v1.15-credential-of-tim".getBytes(StandardCharsets.UTF_8);

  @TempDir Path data;
  private PocketIdServer server;
  private Browser browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void signInWithThePasskeyRegisteredWithPocketId() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();

    PocketIdV115Database db = PocketIdV115Database.sqlite(data.resolve("pocket-id.db"));
    Instant created = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    db.insertUser(TIM, "tim", "tim@example.com", created);
    db.insertPasskey(
        "ee3f1e7c-0d2b-4c5e-9f8a-1b2c3d4e5f60",
        TIM,
        "Laptop",
        CREDENTIAL_ID,
        SoftwareAuthenticator.coseKey((ECPublicKey) key.getPublic()),
        "[\"internal\"]",
        false,
        created);

    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String base = "http://localhost:" + port;
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
    browser.disableConditionalUi();
    browser.authenticator.addCredential(
        Credential.createResidentCredential(
            CREDENTIAL_ID,
            "localhost",
            new PKCS8EncodedKeySpec(key.getPrivate().getEncoded()),
            TIM.getBytes(StandardCharsets.UTF_8), // Pocket ID's user handle: the user id's bytes
            0));
    browser.get(base + "/settings/account");
    browser.waitForPath("/login");
    browser.click("#passkey-login");
    browser.waitForPath("/settings/account");
    assertThat(browser.find("#username").getAttribute("value")).isEqualTo("tim");
    assertThat(browser.waitForText("ul.passkeys", "Laptop")).contains("Laptop");
  }
}
