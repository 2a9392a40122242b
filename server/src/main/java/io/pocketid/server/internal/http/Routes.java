package io.pocketid.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.HashMap;
import java.util.Map;

/**
 * Exact-path routing by method and path. Unknown {@code /api/...} paths (and known paths with
 * another method, as in gin) answer 404 {@code {"error":"API endpoint not found"}}; other unknown
 * paths 404 (the web UI will serve them later).
 */
public final class Routes implements HttpHandler {
  private final Map<String, HttpHandler> routes = new HashMap<>();

  /** Adds a handler that may block: it runs on a worker thread in blocking mode. */
  public Routes blocking(HttpString method, String path, HttpHandler handler) {
    return add(method, path, new BlockingHandler(new ApiErrorHandler(handler)));
  }

  /** Adds a handler that runs where it is called (it dispatches itself if it blocks). */
  public Routes direct(HttpString method, String path, HttpHandler handler) {
    return add(method, path, handler);
  }

  private Routes add(HttpString method, String path, HttpHandler handler) {
    routes.put(method + " " + path, handler);
    if (method.equals(Methods.GET)) {
      routes.put(Methods.HEAD + " " + path, handler);
    }
    return this;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRelativePath();
    HttpHandler handler = routes.get(exchange.getRequestMethod() + " " + path);
    if (handler != null) {
      handler.handleRequest(exchange);
    } else if (path.equals("/api") || path.startsWith("/api/")) {
      Responses.error(exchange, StatusCodes.NOT_FOUND, "API endpoint not found");
    } else {
      exchange.setStatusCode(StatusCodes.NOT_FOUND);
      exchange.endExchange();
    }
  }
}
