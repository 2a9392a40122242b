package io.pocketid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.server.config.ConnectionLimits;
import io.pocketid.server.config.HttpSettings;
import io.pocketid.server.config.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security finding 2: slow and stalled clients against the real server on loopback, with raw
 * sockets. Stalled bodies hold no worker thread, every phase of a request has a timeout, one
 * address cannot open unlimited connections, and bodies still reach the handlers intact.
 */
class SlowClientTest {
  private static final String SETUP =
      "{\"username\":\"admin\",\"email\":\"admin@example.com\",\"firstName\":\"Ada\","
          + "\"lastName\":\"Lovelace\"}";

  /** Generous: only a server that never answers or never closes exceeds it. */
  private static final int SOCKET_TIMEOUT_MILLIS = 20_000;

  private static final Duration SHORT = Duration.ofMillis(500);

  @TempDir Path dir;
  private PocketIdServer server;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  private void start(ConnectionLimits limits) {
    server =
        PocketIdServer.builder()
            .settings(TestSettings.under(dir))
            .storage(new InMemoryStorage())
            .port(0)
            .connectionLimits(limits)
            .build();
    server.start();
    server.ready().join();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
    sockets.add(socket);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String head(String method, String path, String... headers) {
    StringBuilder out = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
    for (String header : headers) {
      out.append(header).append("\r\n");
    }
    return out.append("\r\n").toString();
  }

  /** A JSON POST to the setup endpoint, with these further headers. */
  private static String setupHead(String... headers) {
    String[] all = new String[headers.length + 1];
    all[0] = "Content-Type: application/json";
    System.arraycopy(headers, 0, all, 1, headers.length);
    return head("POST", "/api/signup/setup", all);
  }

  /** Reads one response: the head and a Content-Length body. */
  private static String response(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** True when the server closes the connection (EOF or reset) before the socket timeout. */
  private static boolean closedByServer(Socket socket) throws IOException {
    try {
      while (socket.getInputStream().read() >= 0) {
        // skip whatever the server still sends (an error page)
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private String setupRequest() {
    return setupHead("Content-Length: " + SETUP.getBytes(StandardCharsets.UTF_8).length) + SETUP;
  }

  @Test
  void stalledBodiesWhenMoreThanTheWorkerPoolThenOtherClientsStillAnswered() throws Exception {
    start(ConnectionLimits.DEFAULTS);
    // More stalled requests than Undertow's 16 worker threads (2 cores x 8).
    for (int i = 0; i < 24; i++) {
      send(connect(), setupHead("Content-Length: 10"));
    }
    // Before the fix each stalled body pinned a worker and these requests never completed.
    assertTimeoutPreemptively(
        Duration.ofSeconds(SOCKET_TIMEOUT_MILLIS / 1000),
        () -> {
          for (int i = 0; i < 3; i++) {
            Socket probe = connect();
            send(probe, head("GET", "/api/users/me"));
            assertThat(response(probe)).startsWith("HTTP/1.1 401");
          }
          Socket setup = connect();
          send(setup, setupRequest());
          assertThat(response(setup)).startsWith("HTTP/1.1 200").contains("\"admin\"");
        });
  }

  @Test
  void bodySentInPiecesWhenCompleteThenHandlerReadsItWhole() throws Exception {
    start(ConnectionLimits.DEFAULTS);
    String request = setupRequest();
    int split = request.length() - 20;
    Socket socket = connect();
    send(socket, request.substring(0, split));
    send(socket, request.substring(split));
    assertThat(response(socket)).startsWith("HTTP/1.1 200").contains("\"admin@example.com\"");
  }

  @Test
  void expectContinueWhenBodyFollowsThenHandlerReadsIt() throws Exception {
    start(ConnectionLimits.DEFAULTS);
    Socket socket = connect();
    send(socket, setupHead("Expect: 100-continue", "Content-Length: " + SETUP.length()));
    assertThat(response(socket)).startsWith("HTTP/1.1 100");
    send(socket, SETUP);
    assertThat(response(socket)).startsWith("HTTP/1.1 200").contains("\"admin\"");
  }

  @Test
  void stalledBodyWhenBodyTimeoutPassesThenConnectionClosed() throws Exception {
    start(
        new ConnectionLimits(
            Duration.ofSeconds(10), SHORT, Duration.ofSeconds(60), Duration.ofSeconds(60), 64));
    Socket socket = connect();
    send(socket, setupHead("Content-Length: 10") + "{\"a\"");
    assertThat(closedByServer(socket)).isTrue();
  }

  @Test
  void partialHeadersWhenHeaderTimeoutPassesThenConnectionClosed() throws Exception {
    start(
        new ConnectionLimits(
            SHORT, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60), 64));
    Socket socket = connect();
    send(socket, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    assertThat(closedByServer(socket)).isTrue();
  }

  @Test
  void idleConnectionWhenIdleTimeoutPassesThenClosed() throws Exception {
    start(
        new ConnectionLimits(
            Duration.ofSeconds(10), Duration.ofSeconds(30), SHORT, Duration.ofSeconds(60), 64));
    Socket silent = connect();
    Socket keptAlive = connect();
    send(keptAlive, head("GET", "/healthz"));
    assertThat(response(keptAlive)).startsWith("HTTP/1.1 204");
    assertThat(closedByServer(silent)).isTrue();
    assertThat(closedByServer(keptAlive)).isTrue();
  }

  @Test
  void connectionsFromOneAddressWhenOverTheLimitThenRefusedUntilOneCloses() throws Exception {
    start(
        new ConnectionLimits(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            3));
    List<Socket> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Socket socket = connect();
      send(socket, head("GET", "/healthz"));
      assertThat(response(socket)).startsWith("HTTP/1.1 204");
      open.add(socket);
    }
    Socket fourth = connect();
    send(fourth, head("GET", "/healthz"));
    assertThat(response(fourth))
        .startsWith("HTTP/1.1 429")
        .contains("Too many connections from this address");
    assertThat(closedByServer(fourth)).isTrue();
    // The open ones keep working.
    send(open.get(0), head("GET", "/healthz"));
    assertThat(response(open.get(0))).startsWith("HTTP/1.1 204");

    open.get(1).close();
    // The server notices the close asynchronously: a new connection is admitted soon after.
    assertTimeoutPreemptively(
        Duration.ofSeconds(SOCKET_TIMEOUT_MILLIS / 1000),
        () -> {
          while (true) {
            Socket next = connect();
            send(next, head("GET", "/healthz"));
            if (response(next).startsWith("HTTP/1.1 204")) {
              return;
            }
          }
        });
  }

  @Test
  void connectionsFromATrustedProxyAreNotCapped() throws Exception {
    // Behind a reverse proxy every user's connection comes from the proxy's address.
    ServerSettings base = TestSettings.under(dir);
    HttpSettings http = base.http();
    server =
        PocketIdServer.builder()
            .settings(
                base.withHttp(
                    new HttpSettings(
                        http.appUrl(),
                        http.internalAppUrl(),
                        http.host(),
                        0,
                        true,
                        http.maxRequestBodyBytes())))
            .storage(new InMemoryStorage())
            .connectionLimits(
                new ConnectionLimits(
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(60),
                    3))
            .build();
    server.start();
    server.ready().join();

    for (int i = 0; i < 6; i++) {
      Socket socket = connect();
      send(socket, head("GET", "/healthz"));
      assertThat(response(socket)).as("connection %d", i).startsWith("HTTP/1.1 204");
    }
  }

  @Test
  void bodyDeclaredOverTheLimitWhenPostedThenCleanPayloadTooLarge() throws Exception {
    start(ConnectionLimits.DEFAULTS);
    Socket api = connect();
    // Above the server-wide 10 MiB entity limit: before the fix an Undertow message (UT000020).
    send(api, setupHead("Content-Length: 20000000") + "{");
    assertThat(response(api))
        .startsWith("HTTP/1.1 413")
        .endsWith("{\"error\":\"Request body too large\"}");
    assertThat(closedByServer(api)).isTrue();

    Socket page = connect();
    send(
        page,
        head(
            "POST",
            "/logout",
            "Content-Type: application/x-www-form-urlencoded",
            "Content-Length: 2000000"));
    assertThat(response(page)).startsWith("HTTP/1.1 413").contains("Request body too large");
  }

  @Test
  void chunkedBodyWhenItGrowsOverTheLimitThenPayloadTooLarge() throws Exception {
    start(ConnectionLimits.DEFAULTS);
    Socket socket = connect();
    send(socket, setupHead("Transfer-Encoding: chunked"));
    String chunk = "a".repeat(64 * 1024);
    String framed = Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n";
    String answer = null;
    try {
      for (int i = 0; i < 20; i++) {
        send(socket, framed);
      }
    } catch (IOException e) {
      // the server may close before all chunks are written; the answer was sent first
    }
    answer = response(socket);
    assertThat(answer)
        .startsWith("HTTP/1.1 413")
        .endsWith("{\"error\":\"Request body too large\"}");
  }
}
