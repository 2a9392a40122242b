package io.pocketid.server.internal.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One HTTP GET to one IP address that {@link ImageFetcher} has already checked, with the URL's host
 * name in the {@code Host} header and, for https, in TLS SNI and certificate verification. An
 * implementation must connect to {@link Request#address()} and nowhere else: it must not resolve
 * the host name again (the answer could differ, DNS rebinding), follow redirects or use a proxy.
 * {@link PinnedConnector} is the real one; tests record the requests instead of connecting.
 */
@FunctionalInterface
public interface Connector {
  /**
   * Sends the request and reads the response head; the body is read from the response.
   *
   * @throws java.net.SocketTimeoutException when the deadline passes
   * @throws IOException when the exchange fails
   */
  Response get(Request request) throws IOException;

  /**
   * What to fetch and where from.
   *
   * @param https whether to speak TLS
   * @param host the URL's host: a name or an IP literal (IPv6 without brackets); verified against
   *     the server's certificate
   * @param hostHeader the {@code Host} header, with the port when not the default
   * @param requestTarget the path and query of the request line
   * @param address the checked address to connect to
   * @param port the port to connect to
   * @param deadline when everything, the body included, must have been read
   */
  record Request(
      boolean https,
      String host,
      String hostHeader,
      String requestTarget,
      InetAddress address,
      int port,
      Instant deadline) {}

  /**
   * A response: the status, the headers the fetcher needs and the body, which ends where the
   * message's framing (Content-Length, chunked, or end of connection) says.
   *
   * @param status the HTTP status code
   * @param location the {@code Location} header
   * @param contentType the {@code Content-Type} header
   * @param contentLength the {@code Content-Length} header, unless the body is chunked
   * @param body the decoded body; closing it (or the response) closes the connection
   */
  record Response(
      int status,
      Optional<String> location,
      Optional<String> contentType,
      OptionalLong contentLength,
      InputStream body)
      implements Closeable {
    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}
