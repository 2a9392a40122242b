package io.pocketid.server.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@link PinnedConnector} against servers on 127.0.0.1 (and only there): loopback is
 * reached only through a predicate that allows exactly a test server's port.
 */
class LoopbackFetchTest {
  private static final InetAddress LOOPBACK = loopback();
  private static final byte[] PNG = randomBytes(70_000);

  private final List<AutoCloseable> servers = new ArrayList<>();
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stopServers() throws Exception {
    release.countDown();
    for (AutoCloseable server : servers) {
      server.close();
    }
    handlers.shutdownNow();
  }

  /** An HTTP server on 127.0.0.1 counting its requests. */
  private final class Counted {
    final AtomicInteger requests = new AtomicInteger();
    final HttpServer server;

    Counted(HttpHandler handler) throws IOException {
      server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
      server.createContext(
          "/",
          exchange -> {
            requests.incrementAndGet();
            try (exchange) {
              handler.handle(exchange);
            }
          });
      server.setExecutor(handlers);
      server.start();
      servers.add(() -> server.stop(0));
    }

    int port() {
      return server.getAddress().getPort();
    }

    String url(String path) {
      return "http://127.0.0.1:" + port() + path;
    }
  }

  private RawServer raw(RawServer.Script script) throws IOException {
    RawServer server = new RawServer(script);
    servers.add(server);
    return server;
  }

  private static Predicate<InetSocketAddress> only(int port) {
    return target -> target.equals(new InetSocketAddress(LOOPBACK, port));
  }

  private static ImageFetcher fetcher(int allowedPort, Duration timeout, long maxBytes) {
    return new ImageFetcher(
        host -> {
          throw new AssertionError("no name is looked up here: " + host);
        },
        new PinnedConnector(),
        only(allowedPort),
        timeout,
        maxBytes);
  }

  private static ImageFetcher fetcher(int allowedPort) {
    return fetcher(allowedPort, Duration.ofSeconds(5), ImageFetcher.DEFAULT_MAX_BYTES);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body, long length)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void theStandardFetcherRefusesTheLoopbackServerWhichSeesNoRequest() throws Exception {
    Counted server = new Counted(exchange -> send(exchange, 200, "image/png", PNG, PNG.length));

    assertThatThrownBy(() -> ImageFetcher.standard().fetch(server.url("/logo.png")))
        .isInstanceOf(FetchException.class)
        .hasMessage("The logo URL points to a private or local address (127.0.0.1: loopback)");
    assertThat(server.requests).hasValue(0);
  }

  @Test
  void anAllowedServerDeliversTheImage() throws Exception {
    Counted server = new Counted(exchange -> send(exchange, 200, "image/png", PNG, PNG.length));

    FetchedImage image = fetcher(server.port()).fetch(server.url("/logo.png?v=2"));

    assertThat(image.data()).isEqualTo(PNG);
    assertThat(image.contentType()).isEqualTo("image/png");
    assertThat(image.finalUrl()).isEqualTo(URI.create(server.url("/logo.png?v=2")));
    assertThat(server.requests).hasValue(1);
  }

  @Test
  void aChunkedBodyIsDecoded() throws Exception {
    Counted server = new Counted(exchange -> send(exchange, 200, "image/webp", PNG, 0));

    FetchedImage image = fetcher(server.port()).fetch(server.url("/logo.webp"));

    assertThat(image.data()).isEqualTo(PNG);
  }

  @Test
  void aRedirectToAnotherLoopbackPortIsRefusedAndThatServerSeesNothing() throws Exception {
    Counted other = new Counted(exchange -> send(exchange, 200, "image/png", PNG, PNG.length));
    Counted first =
        new Counted(
            exchange -> {
              exchange.getResponseHeaders().set("Location", other.url("/x"));
              exchange.sendResponseHeaders(302, -1);
            });

    assertThatThrownBy(() -> fetcher(first.port()).fetch(first.url("/logo.png")))
        .hasMessage(
            "The logo URL redirects to "
                + other.url("/x")
                + ", which points to a private or local address (127.0.0.1: loopback)");
    assertThat(first.requests).hasValue(1);
    assertThat(other.requests).hasValue(0);
  }

  @Test
  void aRedirectWithinTheAllowedServerIsFollowed() throws Exception {
    Counted server =
        new Counted(
            exchange -> {
              if (exchange.getRequestURI().getPath().equals("/old")) {
                exchange.getResponseHeaders().set("Location", "/new.png");
                exchange.sendResponseHeaders(301, -1);
              } else {
                send(exchange, 200, "image/png", PNG, PNG.length);
              }
            });

    FetchedImage image = fetcher(server.port()).fetch(server.url("/old"));

    assertThat(image.data()).isEqualTo(PNG);
    assertThat(image.finalUrl()).isEqualTo(URI.create(server.url("/new.png")));
    assertThat(server.requests).hasValue(2);
  }

  @Test
  void theRequestCarriesTheHostHeaderAndAsksForAnImage() throws Exception {
    RawServer server = raw(out -> out.write(response("Content-Length: 3\r\n", "abc")));

    fetcher(server.port()).fetch("http://127.0.0.1:" + server.port() + "/a/b.png?x=%20y");

    assertThat(server.requests).hasSize(1);
    assertThat(server.requests.get(0))
        .startsWith("GET /a/b.png?x=%20y HTTP/1.1\n")
        .contains("Host: 127.0.0.1:" + server.port() + "\n")
        .contains("Accept: image/*\n")
        .contains("Connection: close\n");
  }

  @Test
  void aLargeChunkedBodyIsRefused() throws Exception {
    byte[] large = randomBytes(3 * 1024 * 1024);
    Counted server = new Counted(exchange -> send(exchange, 200, "image/png", large, 0));

    assertThatThrownBy(() -> fetcher(server.port()).fetch(server.url("/big.png")))
        .hasMessage("The logo is larger than 2 MiB");
  }

  @Test
  void aLargeBodyWithoutLengthEndingAtCloseIsRefused() throws Exception {
    byte[] large = randomBytes(3 * 1024 * 1024);
    RawServer server =
        raw(
            out -> {
              out.write(response("", ""));
              out.write(large);
            });

    assertThatThrownBy(() -> fetcher(server.port()).fetch("http://127.0.0.1:" + server.port()))
        .hasMessage("The logo is larger than 2 MiB");
  }

  @Test
  void aDeclaredLargeLengthIsRefused() throws Exception {
    RawServer server = raw(out -> out.write(response("Content-Length: 3145728\r\n", "tiny")));

    assertThatThrownBy(() -> fetcher(server.port()).fetch("http://127.0.0.1:" + server.port()))
        .hasMessage("The logo is larger than 2 MiB");
  }

  @Test
  void aLyingSmallLengthFramesTheBodyAndTheRestIsNeverRead() throws Exception {
    byte[] large = randomBytes(3 * 1024 * 1024);
    RawServer server =
        raw(
            out -> {
              out.write(response("Content-Length: 10\r\n", ""));
              out.write(large);
            });

    FetchedImage image =
        fetcher(server.port()).fetch("http://127.0.0.1:" + server.port() + "/logo.png");

    assertThat(image.data()).hasSize(10).isEqualTo(java.util.Arrays.copyOf(large, 10));
  }

  @Test
  void aBodyShorterThanItsLengthIsReported() throws Exception {
    RawServer server = raw(out -> out.write(response("Content-Length: 100\r\n", "short")));

    assertThatThrownBy(() -> fetcher(server.port()).fetch("http://127.0.0.1:" + server.port()))
        .hasMessage("The logo could not be fetched: the response body ended early");
  }

  @Test
  void handWrittenChunksWithExtensionsAndTrailersAreDecoded() throws Exception {
    RawServer server =
        raw(
            out ->
                out.write(
                    response(
                        "Transfer-Encoding: chunked\r\n",
                        "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")));

    FetchedImage image = fetcher(server.port()).fetch("http://127.0.0.1:" + server.port());

    assertThat(new String(image.data(), StandardCharsets.US_ASCII)).isEqualTo("hello 0123456789");
  }

  @Test
  void malformedChunksAreReported() throws Exception {
    RawServer server =
        raw(
            out ->
                out.write(response("Transfer-Encoding: chunked\r\n", "zz\r\nhello\r\n0\r\n\r\n")));

    assertThatThrownBy(() -> fetcher(server.port()).fetch("http://127.0.0.1:" + server.port()))
        .hasMessage("The logo could not be fetched: the response has a malformed chunk size");
  }

  @Test
  void headersOverSixteenKibibytesAreRefused() throws Exception {
    String big = "X-Filler: " + "a".repeat(PinnedConnector.MAX_HEAD_BYTES) + "\r\n";
    RawServer server = raw(out -> out.write(response(big, "")));

    assertThatThrownBy(() -> fetcher(server.port()).fetch("http://127.0.0.1:" + server.port()))
        .hasMessage("The logo could not be fetched: the response headers are too large");
  }

  @Test
  void aCompressedBodyIsRefused() throws Exception {
    RawServer server =
        raw(out -> out.write(response("Content-Encoding: gzip\r\nContent-Length: 2\r\n", "gz")));

    assertThatThrownBy(() -> fetcher(server.port()).fetch("http://127.0.0.1:" + server.port()))
        .hasMessage("The logo could not be fetched: the server sent a compressed body");
  }

  @Test
  void anInterimResponseIsSkipped() throws Exception {
    RawServer server =
        raw(
            out ->
                out.write(
                    ("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                            + "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 2\r\n\r\nok")
                        .getBytes(StandardCharsets.ISO_8859_1)));

    assertThat(fetcher(server.port()).fetch("http://127.0.0.1:" + server.port()).data())
        .isEqualTo("ok".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aServerThatDoesNotAnswerRunsIntoTheTimeLimit() throws Exception {
    Counted server =
        new Counted(
            exchange -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                fetcher(server.port(), Duration.ofSeconds(1), ImageFetcher.DEFAULT_MAX_BYTES)
                    .fetch(server.url("/slow.png")))
        .hasMessage("The logo server did not answer within 1 second");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aServerTricklingItsBodyRunsIntoTheTotalTimeLimit() throws Exception {
    RawServer server =
        raw(
            out -> {
              out.write(response("", ""));
              for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
              }
            });
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                fetcher(server.port(), Duration.ofMillis(1500), ImageFetcher.DEFAULT_MAX_BYTES)
                    .fetch("http://127.0.0.1:" + server.port()))
        .hasMessage("The logo server did not answer within 1500 milliseconds");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aClosedPortIsReported() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
      port = probe.getLocalPort();
    }

    assertThatThrownBy(() -> fetcher(port).fetch("http://127.0.0.1:" + port + "/"))
        .hasMessage("The logo could not be fetched: the server refused the connection");
  }

  private static byte[] response(String headers, String body) {
    return ("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n" + headers + "\r\n" + body)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
