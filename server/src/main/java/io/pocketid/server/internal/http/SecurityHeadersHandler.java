package io.pocketid.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Baseline headers on every response: Pocket ID's Content-Security-Policy (with a per-response
 * script nonce, available to page renderers through {@link #NONCE}) plus {@code
 * X-Content-Type-Options: nosniff} and a {@code Referrer-Policy}, which Pocket ID does not send.
 */
public final class SecurityHeadersHandler implements HttpHandler {
  /** The script nonce of this response's CSP. */
  public static final AttachmentKey<String> NONCE = AttachmentKey.create(String.class);

  private static final HttpString CSP = new HttpString("Content-Security-Policy");
  private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
  private static final HttpString REFERRER = new HttpString("Referrer-Policy");
  private static final String CSP_PREFIX =
      "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none';"
          + " form-action 'self'; img-src * blob:; font-src 'self';"
          + " style-src 'self' 'unsafe-inline'; script-src 'self' 'nonce-";

  private final SecureRandom random = new SecureRandom();
  private final HttpHandler next;

  public SecurityHeadersHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    exchange.putAttachment(NONCE, nonce);
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(CSP, CSP_PREFIX + nonce + "'");
    headers.put(NOSNIFF, "nosniff");
    headers.put(REFERRER, "same-origin");
    next.handleRequest(exchange);
  }
}
