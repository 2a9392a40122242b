package io.pocketid.server.internal.auth;

import io.pocketid.server.internal.http.BasePath;
import io.pocketid.server.internal.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Set;

/**
 * Refuses cross-site state-changing requests to the JSON API, so a session cookie cannot be used by
 * another site (CSRF): for POST, PUT, PATCH and DELETE under {@code /api/} (except the OAuth
 * protocol endpoints, which clients call cross-site by design), a browser's {@code Sec-Fetch-Site}
 * must be {@code same-origin} or {@code none}, an {@code Origin} must be APP_URL's origin, and a
 * body must be JSON. Clients that send neither header (scripts, curl, API-key clients) pass.
 *
 * <p>Uploads ({@code multipart/form-data}, which a cross-site form can send without asking) are
 * accepted with a cookie only from a same-origin fetch ({@code Sec-Fetch-Site: same-origin}, sent
 * by every current browser); without a cookie (an API key) they pass.
 */
public final class CrossSiteGuard implements HttpHandler {
  private static final HttpString SEC_FETCH_SITE = new HttpString("Sec-Fetch-Site");
  private static final Set<HttpString> UNSAFE =
      Set.of(Methods.POST, Methods.PUT, Methods.PATCH, Methods.DELETE);
  private static final Set<String> PROTOCOL_PATHS =
      Set.of(
          "/api/oidc/token",
          "/api/oidc/introspect",
          "/api/oidc/revoke",
          "/api/oidc/userinfo",
          "/api/oidc/device/authorize",
          "/api/oidc/par",
          "/api/oidc/end-session");

  private final String appOrigin;
  private final HttpHandler next;

  public CrossSiteGuard(String appUrl, HttpHandler next) {
    this.appOrigin = BasePath.originOfAppUrl(appUrl);
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRelativePath();
    if (UNSAFE.contains(exchange.getRequestMethod())
        && path.startsWith("/api/")
        && !PROTOCOL_PATHS.contains(path)) {
      String refusal = refusal(exchange);
      if (refusal != null) {
        Responses.error(
            exchange,
            refusal.startsWith("Content-Type")
                ? StatusCodes.UNSUPPORTED_MEDIA_TYPE
                : StatusCodes.FORBIDDEN,
            refusal);
        return;
      }
    }
    next.handleRequest(exchange);
  }

  /** {@code application/json}, optionally with parameters ({@code ; charset=utf-8}). */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.trim().equalsIgnoreCase("application/json");
  }

  private String refusal(HttpServerExchange exchange) {
    String site = exchange.getRequestHeaders().getFirst(SEC_FETCH_SITE);
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return "Cross-site request refused";
    }
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    if (origin != null && !origin.equals(appOrigin)) {
      return "Cross-site request refused";
    }
    if (hasBody(exchange)) {
      String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
      if (isMultipart(type)) {
        boolean cookie = exchange.getRequestHeaders().contains(Headers.COOKIE);
        return !cookie || "same-origin".equals(site)
            ? null
            : "Cross-site request refused: an upload needs Sec-Fetch-Site: same-origin";
      }
      if (!isJson(type)) {
        return "Content-Type must be application/json";
      }
    }
    return null;
  }

  private static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
  }

  private static boolean hasBody(HttpServerExchange exchange) {
    long length = exchange.getRequestContentLength();
    return length > 0 || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }
}
