package io.pocketid.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code pocket-id healthcheck}: GET {@code <endpoint>/healthz} with a 5 s timeout. Exits 0 only on
 * a 2xx answer (Pocket ID v1.15 exits 0 on any answer; that is fixed here).
 *
 * <p>Uses only the JDK so the container image can run it with a one-jar class path: {@code java -cp
 * pocket-id-server.jar io.pocketid.server.cli.Healthcheck}.
 */
public final class Healthcheck {
  static final int TIMEOUT_MILLIS = 5_000;

  private Healthcheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Parses {@code [-e|--endpoint URL] [-v|--verbose]} and runs the check.
   *
   * @return the exit code: 0 healthy, 1 unhealthy or unreachable, 2 bad arguments
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String endpoint = null;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-v") || arg.equals("--verbose")) {
        verbose = true;
      } else if ((arg.equals("-e") || arg.equals("--endpoint")) && i + 1 < args.length) {
        endpoint = args[++i];
      } else if (arg.startsWith("--endpoint=")) {
        endpoint = arg.substring("--endpoint=".length());
      } else {
        err.println("healthcheck: unknown argument " + arg);
        err.println("usage: healthcheck [-e|--endpoint URL] [-v|--verbose]");
        return 2;
      }
    }
    return check(endpoint == null ? defaultEndpoint(env) : endpoint, verbose, out, err);
  }

  /** {@code http://localhost:$PORT}, PORT defaulting to 1411. */
  public static String defaultEndpoint(Map<String, String> env) {
    String port = env.get("PORT");
    return "http://localhost:" + (port == null || port.isEmpty() ? "1411" : port);
  }

  /**
   * @return 0 when {@code <endpoint>/healthz} answered 2xx, 1 otherwise
   */
  public static int check(String endpoint, boolean verbose, PrintStream out, PrintStream err) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    String url = base + "/healthz";
    long started = System.nanoTime();
    try {
      URI uri = URI.create(url);
      int status =
          "http".equalsIgnoreCase(uri.getScheme())
              ? plainHttpStatus(uri)
              : urlConnectionStatus(uri);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (status >= 200 && status < 300) {
        if (verbose) {
          out.println("healthy: " + url + " answered " + status + " in " + millis + " ms");
        }
        return 0;
      }
      err.println("unhealthy: " + url + " answered " + status + " in " + millis + " ms");
      return 1;
    } catch (IOException | IllegalArgumentException e) {
      err.println("unhealthy: " + url + ": " + e);
      return 1;
    }
  }

  /**
   * One HTTP/1.1 GET over a plain socket; returns the status code of the answer. The container's
   * HEALTHCHECK runs this every 30 s in a fresh JVM: a socket and one status line load about 650
   * classes, {@link HttpURLConnection} about 900, which is a quarter of the check's CPU time.
   */
  static int plainHttpStatus(URI uri) throws IOException {
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in " + uri);
    }
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String hostHeader = hostHeader(uri);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream request = socket.getOutputStream();
      request.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + hostHeader
                  + "\r\nUser-Agent: pocket-id-healthcheck\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.flush();
      String statusLine = readLine(socket.getInputStream(), 1024);
      // "HTTP/1.1 204 No Content"
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !isStatusCode(parts[1])) {
        throw new IOException("not an HTTP status line: '" + statusLine + "'");
      }
      return Integer.parseInt(parts[1]);
    }
  }

  /** {@code host:port} for the Host header; an IPv6 literal keeps its brackets (RFC 9110 §7.2). */
  static String hostHeader(URI uri) {
    String host = uri.getHost(); // java.net.URI returns IPv6 literals in brackets already
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    boolean bare6 = host.indexOf(':') >= 0 && !host.startsWith("[");
    return (bare6 ? "[" + host + "]" : host) + ":" + port;
  }

  private static boolean isStatusCode(String s) {
    return s.length() == 3
        && Character.isDigit(s.charAt(0))
        && Character.isDigit(s.charAt(1))
        && Character.isDigit(s.charAt(2));
  }

  private static String readLine(InputStream in, int max) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (line.length() >= max) {
        throw new IOException("status line longer than " + max + " bytes");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    if (c == -1 && line.length() == 0) {
      throw new IOException("the connection closed without an answer");
    }
    return line.toString();
  }

  /** https (or another scheme the JDK knows): through {@link HttpURLConnection}. */
  private static int urlConnectionStatus(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      int status = connection.getResponseCode();
      try (InputStream body =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        if (body != null) {
          body.readAllBytes();
        }
      } catch (IOException e) {
        // The status is all we need.
      }
      return status;
    } finally {
      connection.disconnect();
    }
  }
}
