package io.pocketid.server.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.net.IpRange;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https through {@link PinnedConnector}: the TCP connection goes to the checked address (127.0.0.1,
 * allowed for this server's port only), while SNI, certificate verification and the {@code Host}
 * header use the URL's name. The certificate, for {@code logo.test}, is made with the JDK's
 * keytool; names are resolved by a map, never by DNS.
 */
class TlsFetchTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final InetAddress LOOPBACK = IpRange.literal("127.0.0.1");

  @TempDir static Path dir;
  private static SSLContext context;
  private static RawServer server;

  @BeforeAll
  static void startServer() throws Exception {
    Path keystore = dir.resolve("logo.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "logo",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=logo.test",
                "-ext",
                "SAN=dns:logo.test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

    SSLServerSocket socket =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK);
    server =
        new RawServer(
            socket,
            out ->
                out.write(
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\nlogo"
                        .getBytes(StandardCharsets.ISO_8859_1)));
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static ImageFetcher fetcher() {
    return new ImageFetcher(
        host -> List.of(LOOPBACK),
        new PinnedConnector(context.getSocketFactory()),
        target -> target.equals(new InetSocketAddress(LOOPBACK, server.port())),
        Duration.ofSeconds(5),
        ImageFetcher.DEFAULT_MAX_BYTES);
  }

  @Test
  void theNameIsSentAsSniAndHostWhileTheConnectionGoesToTheCheckedAddress() {
    server.requests.clear();
    server.serverNames.clear();

    FetchedImage image = fetcher().fetch("https://logo.test:" + server.port() + "/logo.png");

    assertThat(new String(image.data(), StandardCharsets.US_ASCII)).isEqualTo("logo");
    assertThat(server.serverNames).singleElement().asString().contains("logo.test");
    assertThat(server.requests)
        .singleElement()
        .asString()
        .contains("Host: logo.test:" + server.port() + "\n");
  }

  @Test
  void aCertificateForAnotherNameIsRefused() {
    server.requests.clear();

    assertThatThrownBy(() -> fetcher().fetch("https://other.test:" + server.port() + "/logo.png"))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("The logo could not be fetched: the secure connection failed");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void anIpLiteralIsVerifiedAgainstTheCertificateToo() {
    assertThatThrownBy(() -> fetcher().fetch("https://127.0.0.1:" + server.port() + "/logo.png"))
        .hasMessageStartingWith("The logo could not be fetched: the secure connection failed");
  }
}
