package io.pocketid.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baseline headers on every response: Pocket ID's Content-Security-Policy (with a per-response
 * script nonce, available to page renderers through {@link #NONCE}) plus {@code
 * X-Content-Type-Options: nosniff} and a {@code Referrer-Policy}, which Pocket ID does not send;
 * {@code Strict-Transport-Security} when the application URL is https.
 *
 * <p>It also guards the header writer: Undertow writes each character of a header value as its low
 * byte, so a value outside printable ASCII would reach the wire as other bytes than those checked
 * (security finding 1). Such a header is dropped before the response starts and the response
 * becomes a 500, whatever handler set it.
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

  private static final HttpString HSTS = new HttpString("Strict-Transport-Security");
  private static final Logger LOG = LoggerFactory.getLogger(SecurityHeadersHandler.class);

  private final SecureRandom random = new SecureRandom();
  private final HttpHandler next;
  private final boolean https;

  /**
   * @param https whether the application URL is https (adds HSTS)
   */
  public SecurityHeadersHandler(HttpHandler next, boolean https) {
    this.next = next;
    this.https = https;
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
    if (https) {
      headers.put(HSTS, "max-age=31536000");
    }
    exchange.addResponseCommitListener(SecurityHeadersHandler::dropUnsafeHeaders);
    next.handleRequest(exchange);
  }

  private static void dropUnsafeHeaders(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getResponseHeaders();
    List<HttpString> unsafe = new ArrayList<>();
    for (HeaderValues values : headers) {
      for (String value : values) {
        if (!headerSafe(value)) {
          unsafe.add(values.getHeaderName());
          break;
        }
      }
    }
    if (!unsafe.isEmpty()) {
      unsafe.forEach(headers::remove);
      LOG.error("Response header(s) {} not printable ASCII: dropped, answering 500", unsafe);
      exchange.setStatusCode(StatusCodes.INTERNAL_SERVER_ERROR);
    }
  }

  /** Printable ASCII and horizontal tab: what goes on the wire as it is. */
  static boolean headerSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
