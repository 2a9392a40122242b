package io.pocketid.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.service.ServiceError;
import io.pocketid.core.service.ServiceException;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API answers written through {@link Responses} leave from the connection's I/O thread, where the
 * exchange then completes (see {@link IoThreadReply}), on one keep-alive connection as a client
 * sends request after request; everything else behaves as before.
 */
class IoThreadReplyTest {
  private final List<String> completedOn = new CopyOnWriteArrayList<>();
  private final List<String> handledOn = new CopyOnWriteArrayList<>();
  private Undertow server;
  private int port;

  @BeforeEach
  void start() {
    Routes routes =
        new Routes()
            .api(Methods.POST, "/echo", track(this::echo))
            .api(Methods.GET, "/big", track(e -> Responses.json(e, 200, big())))
            .api(
                Methods.GET,
                "/fails-after-answer",
                track(
                    e -> {
                      Responses.json(e, 200, "{\"first\":true}");
                      throw new IllegalStateException("after the answer");
                    }))
            .api(
                Methods.GET,
                "/refused",
                track(
                    e -> {
                      throw new ServiceException(ServiceError.INVALID_INPUT, "no such x");
                    }))
            .api(Methods.GET, "/empty", track(Responses::noContent))
            .api(
                Methods.GET,
                "/own-sender",
                track(e -> e.getResponseSender().send("plain", StandardCharsets.UTF_8)));
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                exchange -> {
                  exchange.addExchangeCompleteListener(
                      (ex, next) -> {
                        completedOn.add(Thread.currentThread().getName());
                        next.proceed();
                      });
                  routes.handleRequest(exchange);
                })
            .build();
    server.start();
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpHandler track(HttpHandler handler) {
    return exchange -> {
      handledOn.add(Thread.currentThread().getName());
      handler.handleRequest(exchange);
    };
  }

  private void echo(HttpServerExchange exchange) throws IOException {
    String body = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Responses.json(exchange, 201, "{\"got\":" + Responses.quote(body) + "}");
  }

  private static String big() {
    return "{\"x\":\"" + "é".repeat(600_000) + "\"}";
  }

  private static boolean ioThread(String name) {
    return name.contains("I/O");
  }

  @Test
  void answersLeaveFromTheIoThreadRequestAfterRequestOnOneConnection()
      throws IOException, InterruptedException {
    try (Client client = new Client(port)) {
      for (int i = 0; i < 50; i++) {
        Reply reply = client.exchange("POST", "/echo", "n=" + i);
        assertThat(reply.head()).startsWith("HTTP/1.1 201 ");
        assertThat(reply.head().toLowerCase()).contains("content-type: application/json");
        assertThat(reply.body()).isEqualTo("{\"got\":\"n=" + i + "\"}");
      }
    }

    assertThat(handledOn).hasSize(50).noneMatch(IoThreadReplyTest::ioThread);
    // An exchange completes just after its last byte went out: the client may be faster.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (completedOn.size() < 50 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(completedOn).hasSize(50).allMatch(IoThreadReplyTest::ioThread);
  }

  @Test
  void aLargeAnswerArrivesWhole() throws IOException {
    try (Client client = new Client(port)) {
      Reply reply = client.exchange("GET", "/big", null);
      assertThat(reply.head()).startsWith("HTTP/1.1 200 ");
      assertThat(reply.body()).isEqualTo(big());
      // The connection is still usable afterwards.
      assertThat(client.exchange("POST", "/echo", "again").body()).isEqualTo("{\"got\":\"again\"}");
    }
  }

  @Test
  void errorsAndOtherAnswersAreUnchanged() throws IOException {
    try (Client client = new Client(port)) {
      Reply refused = client.exchange("GET", "/refused", null);
      assertThat(refused.head()).startsWith("HTTP/1.1 400 ");
      assertThat(refused.body()).isEqualTo("{\"error\":\"no such x\"}");

      // An exception after the answer was written does not replace it with an error.
      Reply first = client.exchange("GET", "/fails-after-answer", null);
      assertThat(first.head()).startsWith("HTTP/1.1 200 ");
      assertThat(first.body()).isEqualTo("{\"first\":true}");

      Reply empty = client.exchange("GET", "/empty", null);
      assertThat(empty.head()).startsWith("HTTP/1.1 204 ");

      Reply own = client.exchange("GET", "/own-sender", null);
      assertThat(own.head()).startsWith("HTTP/1.1 200 ");
      assertThat(own.body()).isEqualTo("plain");

      assertThat(client.exchange("POST", "/echo", "still").body()).isEqualTo("{\"got\":\"still\"}");
    }
  }

  private record Reply(String head, String body) {}

  /** A keep-alive HTTP/1.1 client on one socket; bodies by Content-Length. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Client(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    Reply exchange(String method, String path, String body) throws IOException {
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String request =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\n"
              + (body == null ? "" : "Content-Length: " + content.length + "\r\n")
              + "\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      String head = readHead();
      int length = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      return new Reply(head, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed after: " + head);
        }
        head.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
