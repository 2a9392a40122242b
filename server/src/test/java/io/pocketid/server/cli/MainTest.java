package io.pocketid.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.server.Main;
import io.pocketid.server.PocketIdServer;
import io.undertow.Undertow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process with an injected environment and captured output. */
class MainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void versionWhenRunThenPrintsNameAndVersion() {
    int code = run(Map.of(), "version");

    assertThat(code).isZero();
    assertThat(out()).matches("pocket-id \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void helpWhenAskedThenListsCommandsAndExitsZero() {
    int code = run(Map.of(), "--help");

    assertThat(code).isZero();
    assertThat(out()).contains("serve").contains("healthcheck").contains("version");
  }

  @Test
  void serveWhenPortInvalidThenExitsNonZeroWithOneLineMessage() {
    int code = run(Map.of("PORT", "abc"));

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .isEqualTo("PORT: \"abc\" is not a port number (1-65535)" + System.lineSeparator());
  }

  @Test
  void serveSubcommandWhenPostgresWithoutStringThenExitsNonZero() {
    int code = run(Map.of("DB_PROVIDER", "postgres"), "serve");

    assertThat(code).isEqualTo(1);
    assertThat(err().strip()).isEqualTo("DB_CONNECTION_STRING: required when DB_PROVIDER=postgres");
  }

  @Test
  void serveWhenTheDatabaseBelongsToAnotherApplicationThenExitsOneAndLeavesItAlone()
      throws Exception {
    Path db = dir.resolve("pocket-id.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)");
      st.execute("INSERT INTO invoices VALUES (1, 100)");
    }
    byte[] before = java.nio.file.Files.readAllBytes(db);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    int code =
        run(
            Map.of(
                "HOST", "127.0.0.1",
                "PORT", String.valueOf(port),
                "DB_CONNECTION_STRING", db.toString(),
                "UPLOAD_PATH", dir.resolve("uploads").toString(),
                "KEYS_PATH", dir.resolve("keys").toString()));

    assertThat(code).isEqualTo(1);
    assertThat(java.nio.file.Files.readAllBytes(db)).isEqualTo(before);
    assertThat(dir.resolve("pocket-id.db-wal")).doesNotExist();
  }

  @Test
  void serveWhenPortTakenThenExitsNonZeroNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int code =
          run(
              Map.of(
                  "HOST", "127.0.0.1",
                  "PORT", String.valueOf(taken.getLocalPort()),
                  "DB_CONNECTION_STRING", dir.resolve("db/pocket-id.db").toString(),
                  "UPLOAD_PATH", dir.resolve("uploads").toString(),
                  "KEYS_PATH", dir.resolve("keys").toString()));

      assertThat(code).isEqualTo(1);
      assertThat(err().strip())
          .startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
          .doesNotContain("\n");
    }
  }

  @Test
  void unknownCommandThenExitsNonZero() {
    assertThat(run(Map.of(), "frobnicate")).isNotZero();
  }

  @Test
  void healthcheckWhenServerHealthyThenExitsZero() {
    PocketIdServer server =
        PocketIdServer.builder()
            .storage(new InMemoryStorage())
            .dataDirectory(dir)
            .host("127.0.0.1")
            .port(0)
            .build();
    server.start();
    try {
      server.ready().join();

      assertThat(run(Map.of(), "healthcheck", "--endpoint", "http://127.0.0.1:" + server.port()))
          .isZero();
      assertThat(run(Map.of("PORT", String.valueOf(server.port())), "healthcheck", "-v")).isZero();
      assertThat(out()).contains("healthy");
    } finally {
      server.stop();
    }
  }

  @Test
  void healthcheckWhenNothingListensThenExitsNonZero() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    int code = run(Map.of(), "healthcheck", "-e", "http://127.0.0.1:" + port);

    assertThat(code).isEqualTo(1);
    assertThat(err()).startsWith("unhealthy: http://127.0.0.1:" + port + "/healthz");
  }

  @Test
  void healthcheckWhenServerAnswers500ThenExitsNonZero() {
    Undertow failing =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(exchange -> exchange.setStatusCode(500))
            .build();
    failing.start();
    try {
      int port = ((InetSocketAddress) failing.getListenerInfo().get(0).getAddress()).getPort();

      int code = run(Map.of(), "healthcheck", "-e", "http://127.0.0.1:" + port);

      assertThat(code).isEqualTo(1);
      assertThat(err()).contains("answered 500");
    } finally {
      failing.stop();
    }
  }

  @Test
  void healthcheckSendsOneGetForThePathUnderTheEndpointAndReadsTheStatusLine() throws Exception {
    try (OneShotServer server = new OneShotServer("HTTP/1.1 204 No Content\r\n\r\n")) {
      int code = run(Map.of(), "healthcheck", "-v", "-e", server.url() + "/base/");

      assertThat(code).isZero();
      assertThat(server.request())
          .startsWith("GET /base/healthz HTTP/1.1\r\n")
          .contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
          .contains("\r\nConnection: close\r\n");
      assertThat(out()).contains("answered 204");
    }
  }

  @Test
  void healthcheckHostHeaderKeepsOneBracketPairForIpv6AndDefaultsThePort() {
    assertThat(Healthcheck.hostHeader(java.net.URI.create("http://[::1]:1411/healthz")))
        .isEqualTo("[::1]:1411");
    assertThat(Healthcheck.hostHeader(java.net.URI.create("http://localhost/healthz")))
        .isEqualTo("localhost:80");
  }

  @Test
  void healthcheckWhenTheAnswerIsNotHttpThenExitsNonZeroNamingIt() throws Exception {
    try (OneShotServer server = new OneShotServer("SSH-2.0-OpenSSH_9.2\r\n")) {
      int code = run(Map.of(), "healthcheck", "-e", server.url());

      assertThat(code).isEqualTo(1);
      assertThat(err()).contains("not an HTTP status line: 'SSH-2.0-OpenSSH_9.2'");
    }
  }

  @Test
  void healthcheckWhenTheConnectionClosesWithoutAnAnswerThenExitsNonZero() throws Exception {
    try (OneShotServer server = new OneShotServer("")) {
      int code = run(Map.of(), "healthcheck", "-e", server.url());

      assertThat(code).isEqualTo(1);
      assertThat(err()).contains("closed without an answer");
    }
  }

  /** Accepts one connection, reads the request head, writes a canned answer and closes. */
  private static final class OneShotServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final java.util.concurrent.CompletableFuture<String> request =
        new java.util.concurrent.CompletableFuture<>();

    OneShotServer(String answer) throws IOException {
      Thread thread =
          new Thread(
              () -> {
                try (Socket client = socket.accept()) {
                  StringBuilder head = new StringBuilder();
                  InputStream in = client.getInputStream();
                  int c;
                  while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) != -1) {
                    head.append((char) c);
                  }
                  request.complete(head.toString());
                  client.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  request.completeExceptionally(e);
                }
              },
              "one-shot-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    String url() {
      return "http://127.0.0.1:" + port();
    }

    String request() throws Exception {
      return request.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void healthcheckMainWhenBadArgumentThenExitsTwo() {
    int code =
        Healthcheck.run(
            new String[] {"--nope"},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
  }
}
