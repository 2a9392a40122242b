package io.pocketid.server.internal.auth;

import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.core.net.IpRange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address: the connection's peer, or — only with TRUST_PROXY — taken from {@code
 * X-Forwarded-For}, else {@code X-Real-IP}. A proxy appends the address it saw to {@code
 * X-Forwarded-For}, so only the entries on the right were written by proxies; the leftmost is
 * whatever the client sent (security finding 5). The client is the rightmost entry that is not a
 * trusted proxy ({@code TRUSTED_PROXIES}, by default loopback and private networks); when every
 * entry is a trusted proxy, the leftmost.
 */
public final class ClientAddress {
  private static final HttpString FORWARDED_FOR = new HttpString("X-Forwarded-For");
  private static final HttpString REAL_IP = new HttpString("X-Real-IP");
  private static final int MAX_USER_AGENT = 512;

  private static final int MAX_FORWARDED_ENTRIES = 32;

  private final boolean trustProxy;
  private final List<IpRange> trustedProxies;

  public ClientAddress(boolean trustProxy, List<IpRange> trustedProxies) {
    this.trustProxy = trustProxy;
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  public String ip(HttpServerExchange exchange) {
    if (trustProxy) {
      HeaderValues forwarded = exchange.getRequestHeaders().get(FORWARDED_FOR);
      if (forwarded != null && !forwarded.isEmpty()) {
        // A malformed list is not second-guessed with other headers: the connection's address.
        String client = fromForwardedFor(forwarded);
        return client != null ? client : peer(exchange);
      }
      String realIp = exchange.getRequestHeaders().getFirst(REAL_IP);
      if (realIp != null && !realIp.isBlank() && realIp.length() <= 64) {
        return realIp.trim();
      }
    }
    return peer(exchange);
  }

  private static String peer(HttpServerExchange exchange) {
    InetSocketAddress peer = exchange.getSourceAddress();
    return peer == null || peer.getAddress() == null ? null : peer.getAddress().getHostAddress();
  }

  /** Every X-Forwarded-For header, in order, as one list; walked from the right. */
  private String fromForwardedFor(HeaderValues headers) {
    List<String> entries = new ArrayList<>();
    for (String header : headers) {
      for (String part : header.split(",")) {
        entries.add(part.trim());
      }
    }
    if (entries.isEmpty() || entries.size() > MAX_FORWARDED_ENTRIES) {
      return null;
    }
    for (int i = entries.size() - 1; i >= 0; i--) {
      String entry = entries.get(i);
      if (entry.isEmpty() || entry.length() > 64) {
        return null;
      }
      if (i == 0 || !IpRange.anyContains(trustedProxies, entry)) {
        return entry;
      }
    }
    return null;
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
