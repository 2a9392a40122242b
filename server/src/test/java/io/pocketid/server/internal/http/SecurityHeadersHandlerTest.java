package io.pocketid.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The header guard (security finding 1) and HSTS, read off the socket. */
class SecurityHeadersHandlerTest {

  @Test
  void headerOutsidePrintableAsciiIsDroppedAndTheResponseFails() throws IOException {
    // U+012F would go out as '/': "https://evil.example/.example.com/cb".
    String head =
        serve(
            false,
            exchange -> {
              exchange.setStatusCode(302);
              exchange
                  .getResponseHeaders()
                  .put(Headers.LOCATION, "https://evil.example\u012F.example.com/cb");
              exchange.endExchange();
            });

    assertThat(head).startsWith("HTTP/1.1 500 ");
    assertThat(head.toLowerCase()).doesNotContain("location:").doesNotContain("evil.example");
  }

  @Test
  void crlfInAHeaderValueIsDropped() throws IOException {
    String head =
        serve(
            false,
            exchange -> {
              exchange.getResponseHeaders().put(new HttpString("X-Test"), "a\r\nSet-Cookie: x=1");
              exchange.endExchange();
            });

    assertThat(head).startsWith("HTTP/1.1 500 ").doesNotContain("Set-Cookie: x=1");
  }

  @Test
  void printableHeadersPassAndHstsOnlyOnHttps() throws IOException {
    HttpHandler ok =
        exchange -> {
          Redirects.found(exchange, "/settings/account?x=%C3%A9");
        };

    String https = serve(true, ok);
    String http = serve(false, ok);

    assertThat(https)
        .startsWith("HTTP/1.1 302 ")
        .contains("\r\nLocation: /settings/account?x=%C3%A9");
    assertThat(https).contains("\r\nStrict-Transport-Security: max-age=31536000");
    assertThat(http).startsWith("HTTP/1.1 302 ").doesNotContain("Strict-Transport-Security");
  }

  @Test
  void redirectsRefuseATargetThatIsNotPrintableAscii() {
    assertThat(Redirects.isWireSafe("/a")).isTrue();
    assertThat(Redirects.isWireSafe("/\u012Fevil")).isFalse();
    assertThat(Redirects.isWireSafe("/a b")).isFalse();
    assertThat(Redirects.isWireSafe("/a\u0000")).isFalse();
    assertThat(Redirects.isWireSafe("")).isFalse();
  }

  private static String serve(boolean https, HttpHandler handler) throws IOException {
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new SecurityHeadersHandler(handler, https))
            .build();
    undertow.start();
    try (Socket socket =
        new Socket(
            "127.0.0.1",
            ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(bytes);
      String all = bytes.toString(StandardCharsets.ISO_8859_1);
      int end = all.indexOf("\r\n\r\n");
      return end < 0 ? all : all.substring(0, end + 2);
    } finally {
      undertow.stop();
    }
  }
}
