package io.pocketid.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * Any path ending in {@code /} (other than {@code /} itself) gets a 301 to the same path without
 * trailing slashes, keeping the query, as Pocket ID does. Leading slashes are collapsed so that
 * {@code //evil.example/} cannot become a redirect to another host.
 */
public final class TrailingSlashHandler implements HttpHandler {
  private final HttpHandler next;

  public TrailingSlashHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    // The raw URI keeps percent-encoding, so it can go into Location as it is; the part under
    // the mount point, as Redirects adds the mount point again.
    String raw = exchange.getRequestURI();
    String full = raw.startsWith("/") ? raw : exchange.getRequestPath();
    String base = BasePath.of(exchange);
    String path = !base.isEmpty() && full.startsWith(base) ? full.substring(base.length()) : full;
    if (path.length() > 1 && path.endsWith("/")) {
      String target = path.replaceFirst("/+$", "").replaceFirst("^/+", "/");
      if (target.isEmpty()) {
        target = "/";
      }
      String query = exchange.getQueryString();
      if (query != null && !query.isEmpty()) {
        target = target + "?" + query;
      }
      // A raw non-ASCII request line is not echoed into a header: it is routed as it is.
      if (Redirects.isWireSafe(target)) {
        Redirects.send(exchange, StatusCodes.MOVED_PERMANENTLY, target);
        return;
      }
    }
    next.handleRequest(exchange);
  }
}
