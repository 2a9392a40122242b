package io.pocketid.server.internal.auth;

import io.pocketid.core.audit.RequestOrigin;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;

/**
 * The client's address: the connection's peer, or — only with TRUST_PROXY — the first address of
 * {@code X-Forwarded-For}, else {@code X-Real-IP}.
 */
public final class ClientAddress {
  private static final HttpString FORWARDED_FOR = new HttpString("X-Forwarded-For");
  private static final HttpString REAL_IP = new HttpString("X-Real-IP");
  private static final int MAX_USER_AGENT = 512;

  private final boolean trustProxy;

  public ClientAddress(boolean trustProxy) {
    this.trustProxy = trustProxy;
  }

  public String ip(HttpServerExchange exchange) {
    if (trustProxy) {
      String forwarded = exchange.getRequestHeaders().getFirst(FORWARDED_FOR);
      if (forwarded != null && !forwarded.isBlank()) {
        String first = forwarded.split(",")[0].trim();
        if (!first.isEmpty() && first.length() <= 64) {
          return first;
        }
      }
      String realIp = exchange.getRequestHeaders().getFirst(REAL_IP);
      if (realIp != null && !realIp.isBlank() && realIp.length() <= 64) {
        return realIp.trim();
      }
    }
    InetSocketAddress peer = exchange.getSourceAddress();
    return peer == null || peer.getAddress() == null ? null : peer.getAddress().getHostAddress();
  }

  /** IP and user agent, for the audit log. */
  public RequestOrigin origin(HttpServerExchange exchange) {
    String userAgent = exchange.getRequestHeaders().getFirst(Headers.USER_AGENT);
    if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
      userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }
    return new RequestOrigin(ip(exchange), userAgent);
  }
}
