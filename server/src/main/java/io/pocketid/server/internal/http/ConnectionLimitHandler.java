package io.pocketid.server.internal.http;

import io.pocketid.core.net.IpRange;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The root of the server's own listener: counts open connections per peer address (the TCP peer,
 * not {@code X-Forwarded-For}) and answers 429 and closes a connection beyond the limit; gives each
 * exchange the configured body timeout ({@link BufferedBodyHandler#TIMEOUT}).
 *
 * <p>A connection is counted from its first complete request head until it closes; connections that
 * never complete one are closed by the listener's header and idle timeouts and hold no worker.
 *
 * <p>Trusted reverse proxies ({@code TRUST_PROXY} with {@code TRUSTED_PROXIES}) are not counted:
 * every client behind them shares their address, so a cap would limit all users together.
 */
public final class ConnectionLimitHandler implements HttpHandler {
  /** Whether the connection was admitted; set on its first request. */
  private static final AttachmentKey<Boolean> ADMITTED = AttachmentKey.create(Boolean.class);

  static final String TOO_MANY = "Too many connections from this address";

  private final HttpHandler next;
  private final int maxPerAddress;
  private final Duration bodyTimeout;
  private final List<IpRange> uncounted;
  private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

  /**
   * @param uncounted peers that are not limited: trusted reverse proxies
   * @throws IllegalArgumentException when {@code maxPerAddress} is below 1
   */
  public ConnectionLimitHandler(
      HttpHandler next, int maxPerAddress, Duration bodyTimeout, List<IpRange> uncounted) {
    if (maxPerAddress < 1) {
      throw new IllegalArgumentException("maxPerAddress must be at least 1, was " + maxPerAddress);
    }
    this.next = next;
    this.maxPerAddress = maxPerAddress;
    this.bodyTimeout = bodyTimeout;
    this.uncounted = List.copyOf(uncounted);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    ServerConnection connection = exchange.getConnection();
    Boolean admitted = connection.getAttachment(ADMITTED);
    if (admitted == null) {
      admitted = admit(connection);
      connection.putAttachment(ADMITTED, admitted);
    }
    if (!admitted) {
      exchange.setPersistent(false);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "10");
      Responses.error(exchange, 429, TOO_MANY);
      return;
    }
    exchange.putAttachment(BufferedBodyHandler.TIMEOUT, bodyTimeout);
    next.handleRequest(exchange);
  }

  /** Counts the connection when its address is below the limit, until it closes. */
  private boolean admit(ServerConnection connection) {
    InetSocketAddress peer = connection.getPeerAddress(InetSocketAddress.class);
    if (peer == null || peer.getAddress() == null) {
      return true;
    }
    InetAddress address = peer.getAddress();
    if (uncounted.stream().anyMatch(range -> range.contains(address))) {
      return true;
    }
    int count = open.merge(address, 1, Integer::sum);
    if (count > maxPerAddress) {
      release(address);
      return false;
    }
    connection.addCloseListener(closed -> release(address));
    return true;
  }

  private void release(InetAddress address) {
    open.computeIfPresent(address, (a, count) -> count > 1 ? count - 1 : null);
  }
}
