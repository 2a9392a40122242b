package io.pocketid.server.internal.http;

import io.pocketid.core.auth.AuthFailure;
import io.pocketid.core.service.ServiceException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions from page handlers into a short HTML page: a disabled user 403, an unavailable
 * database 503, an unreadable request its status (a body too large 413), anything else 500 (logged,
 * never echoed).
 */
public final class PageErrorHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PageErrorHandler.class);
  private final HttpHandler next;

  public PageErrorHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      next.handleRequest(exchange);
    } catch (ServiceException e) {
      page(exchange, ApiErrorHandler.statusOf(e), e.getMessage());
    } catch (AuthFailure e) {
      page(exchange, ApiErrorHandler.statusOf(e), e.getMessage());
    } catch (BadRequestException e) {
      page(exchange, e.status(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
      page(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "Something went wrong");
    }
  }

  private static void page(HttpServerExchange exchange, int status, String message) {
    if (exchange.isResponseStarted()) {
      return;
    }
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange
        .getResponseSender()
        .send(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title>"
                + "<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main class=\"narrow\">"
                + "<section class=\"card\"><h1>Error</h1><p role=\"alert\">"
                + escape(message)
                + "</p><p><a href=\"/\">Back</a></p></section></main></body></html>");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
