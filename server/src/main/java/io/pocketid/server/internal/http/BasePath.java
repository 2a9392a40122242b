package io.pocketid.server.internal.http;

import io.undertow.server.HttpServerExchange;

/**
 * Where the application is mounted: the path of {@code APP_URL} ({@code /auth} in {@code
 * https://example.com/auth}), or nothing at the root. Inside, every path is relative to it (routes,
 * redirect targets, {@code redirect} parameters); it is added where a path leaves for the browser
 * ({@code Location} headers, links and script URLs in pages). The mount point is the exchange's
 * resolved path, set by the prefix handler that mounted the application (the server's own, or an
 * embedder's).
 */
public final class BasePath {
  private BasePath() {}

  /** The mount point without a trailing slash; empty at the root. */
  public static String of(HttpServerExchange exchange) {
    String resolved = exchange.getResolvedPath();
    if (resolved == null || resolved.isEmpty() || resolved.equals("/")) {
      return "";
    }
    return resolved.endsWith("/") ? resolved.substring(0, resolved.length() - 1) : resolved;
  }

  /** An application path ({@code /login}) as the browser requests it ({@code /auth/login}). */
  public static String url(HttpServerExchange exchange, String appPath) {
    return of(exchange) + appPath;
  }

  /**
   * The origin of an application URL ({@code https://example.com:8443/auth} → {@code
   * https://example.com:8443}): what a browser sends as {@code Origin} for its pages.
   */
  public static String originOfAppUrl(String appUrl) {
    java.net.URI uri = java.net.URI.create(appUrl);
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  /** The path of an application URL ({@code https://example.com/auth} → {@code /auth}). */
  public static String ofAppUrl(String appUrl) {
    String path = java.net.URI.create(appUrl).getRawPath();
    return path == null || path.equals("/") ? "" : path;
  }
}
