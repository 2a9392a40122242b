package io.pocketid.server.internal.fetch;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The real {@link Connector}: a minimal HTTP/1.1 client over a plain {@link Socket}, wrapped in an
 * {@link SSLSocket} for https, connected to the checked IP address and nothing else.
 *
 * <p>Why not {@link java.net.http.HttpClient}: it resolves the URL's host itself, so the address it
 * connects to could differ from the one checked (DNS rebinding). Pinning it to the address means
 * putting the IP literal in the URL, which then needs a {@code Host} header (restricted unless the
 * JVM-wide property {@code jdk.httpclient.allowRestrictedHeaders} is set) and breaks TLS: SNI would
 * be absent and the certificate would be checked against the IP instead of the name. Here the TCP
 * connection goes to the address, and the TLS layer on top of it is given the host name, so SNI is
 * sent and the certificate is verified for the name ({@code HTTPS} endpoint identification) with
 * the default trust store.
 *
 * <p>The exchange: {@code GET} with {@code Host}, {@code Accept: image/*}, {@code Accept-Encoding:
 * identity} and {@code Connection: close}; no proxy, no redirects, no cookies. The response head
 * may take at most {@value #MAX_HEAD_BYTES} bytes; the body is framed by chunked coding, {@code
 * Content-Length} or the end of the connection; a compressed body is refused. At the request's
 * deadline the socket is closed, whatever it is doing (connecting, TLS handshake, reading), so a
 * server that trickles bytes cannot stretch the time limit.
 */
public final class PinnedConnector implements Connector {
  /** The most bytes the status line and headers may take. */
  public static final int MAX_HEAD_BYTES = 16 * 1024;

  /** Null for the JVM's default, looked up on the first https connection (see the constructor). */
  private final SSLSocketFactory tls;

  /**
   * A connector trusting the JVM's default trust store. The default TLS context is only taken on
   * the first https connection: it loads the CA certificates (~150), which start-up need not wait
   * for.
   */
  public PinnedConnector() {
    this.tls = null;
  }

  /** A connector whose https connections are made by {@code tls}, e.g. with another trust store. */
  public PinnedConnector(SSLSocketFactory tls) {
    this.tls = Objects.requireNonNull(tls, "tls");
  }

  @Override
  public Response get(Request request) throws IOException {
    Socket socket = new Socket(Proxy.NO_PROXY);
    CompletableFuture<Void> watchdog = closeAtDeadline(socket, request.deadline());
    try {
      socket.connect(
          new InetSocketAddress(request.address(), request.port()), remainingMillis(request));
      Socket connection = request.https() ? handshake(socket, request) : socket;
      OutputStream out = connection.getOutputStream();
      out.write(requestHead(request).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in =
          new ConnectionStream(
              new BufferedInputStream(connection.getInputStream()), socket, watchdog);
      ResponseHead head = ResponseHead.read(in, MAX_HEAD_BYTES);
      if (!head.header("content-encoding").orElse("identity").equalsIgnoreCase("identity")) {
        throw new IOException("the server sent a compressed body");
      }
      boolean chunked = !head.values("transfer-encoding").isEmpty();
      OptionalLong length = chunked ? OptionalLong.empty() : head.contentLength();
      InputStream body =
          chunked
              ? chunked(head, in)
              : length.isPresent() ? new FixedLengthInputStream(in, length.getAsLong()) : in;
      return new Response(
          head.status(), head.header("location"), head.header("content-type"), length, body);
    } catch (IOException | RuntimeException e) {
      watchdog.cancel(false);
      socket.close();
      throw e;
    }
  }

  private static InputStream chunked(ResponseHead head, InputStream in) throws IOException {
    String codings = String.join(",", head.values("transfer-encoding")).toLowerCase(Locale.ROOT);
    if (!codings.strip().equals("chunked")) {
      throw new IOException("the server sent an unsupported transfer encoding");
    }
    return new ChunkedInputStream(in);
  }

  private Socket handshake(Socket socket, Request request) throws IOException {
    SSLSocket ssl =
        (SSLSocket)
            (tls != null ? tls : defaultTls())
                .createSocket(socket, request.host(), request.port(), true);
    SSLParameters parameters = ssl.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!isIpLiteral(request.host())) {
      parameters.setServerNames(List.of(new SNIHostName(request.host())));
    }
    ssl.setSSLParameters(parameters);
    ssl.startHandshake();
    return ssl;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private static String requestHead(Request request) {
    return "GET "
        + request.requestTarget()
        + " HTTP/1.1\r\nHost: "
        + request.hostHeader()
        + "\r\nUser-Agent: PocketID\r\nAccept: image/*\r\nAccept-Encoding: identity\r\n"
        + "Connection: close\r\n\r\n";
  }

  private static int remainingMillis(Request request) throws SocketTimeoutException {
    long millis = Duration.between(Instant.now(), request.deadline()).toMillis();
    if (millis <= 0) {
      throw new SocketTimeoutException("the deadline has passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }

  /** Closes {@code socket} at {@code deadline} unless the returned future is cancelled first. */
  private static CompletableFuture<Void> closeAtDeadline(Socket socket, Instant deadline) {
    // Rounded up: the socket must not close before the deadline the caller checks against.
    long delay =
        Math.max(0, (Duration.between(Instant.now(), deadline).toNanos() + 999_999) / 1_000_000);
    return CompletableFuture.runAsync(
        () -> {
          try {
            socket.close();
          } catch (IOException e) {
            // Closing to interrupt; the reader sees the failure.
          }
        },
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
  }

  private static SSLSocketFactory defaultTls() {
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  /** The connection's input; closing it cancels the deadline and closes the socket. */
  private static final class ConnectionStream extends FilterInputStream {
    private final Socket socket;
    private final CompletableFuture<Void> watchdog;

    ConnectionStream(InputStream in, Socket socket, CompletableFuture<Void> watchdog) {
      super(in);
      this.socket = socket;
      this.watchdog = watchdog;
    }

    @Override
    public void close() throws IOException {
      watchdog.cancel(false);
      socket.close();
    }
  }
}
