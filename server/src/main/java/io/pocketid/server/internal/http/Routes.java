package io.pocketid.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact-path routing by method and path. Unknown {@code /api/...} paths (and known paths with
 * another method, as in gin) answer 404 {@code {"error":"API endpoint not found"}}; other unknown
 * paths 404 (the web UI will serve them later).
 */
public final class Routes implements HttpHandler {
  private final Map<String, HttpHandler> routes = new HashMap<>();
  private final Map<String, HttpHandler> prefixes = new LinkedHashMap<>();

  /**
   * Adds a handler that may block: it runs on a worker thread in blocking mode, once its request
   * body is in memory (see {@link BufferedBodyHandler}).
   */
  public Routes blocking(HttpString method, String path, HttpHandler handler) {
    return add(method, path, api(handler));
  }

  /** Adds a handler that runs where it is called (it dispatches itself if it blocks). */
  public Routes direct(HttpString method, String path, HttpHandler handler) {
    return add(method, path, handler);
  }

  /** Adds a blocking JSON handler for every path starting with {@code prefix}. */
  public Routes blockingPrefix(HttpString method, String prefix, HttpHandler handler) {
    prefixes.put(method + " " + prefix, api(handler));
    return this;
  }

  /** Adds a blocking page handler (errors become a short HTML page). */
  public Routes page(HttpString method, String path, HttpHandler handler) {
    return add(method, path, page(handler));
  }

  /** Adds a blocking page handler for every path starting with {@code prefix}. */
  public Routes pagePrefix(HttpString method, String prefix, HttpHandler handler) {
    prefixes.put(method + " " + prefix, page(handler));
    return this;
  }

  /**
   * A JSON handler on a worker thread, its body read beforehand without holding one; errors as
   * {@code {"error":"..."}}.
   */
  private static HttpHandler api(HttpHandler handler) {
    return new BufferedBodyHandler(
        new BlockingHandler(new ApiErrorHandler(handler)), new ApiErrorHandler(Routes::tooLarge));
  }

  /** A page handler on a worker thread, its body read beforehand; errors as a short page. */
  private static HttpHandler page(HttpHandler handler) {
    return new BufferedBodyHandler(
        new BlockingHandler(new PageErrorHandler(handler)), new PageErrorHandler(Routes::tooLarge));
  }

  private static void tooLarge(HttpServerExchange exchange) {
    throw new BadRequestException(
        StatusCodes.REQUEST_ENTITY_TOO_LARGE, BufferedBodyHandler.TOO_LARGE);
  }

  /** Adds a non-blocking handler for every path starting with {@code prefix}. */
  public Routes directPrefix(HttpString method, String prefix, HttpHandler handler) {
    prefixes.put(method + " " + prefix, handler);
    if (method.equals(Methods.GET)) {
      prefixes.put(Methods.HEAD + " " + prefix, handler);
    }
    return this;
  }

  private HttpHandler prefixed(String method, String path) {
    for (Map.Entry<String, HttpHandler> entry : prefixes.entrySet()) {
      String key = entry.getKey();
      int space = key.indexOf(' ');
      if (key.substring(0, space).equals(method) && path.startsWith(key.substring(space + 1))) {
        return entry.getValue();
      }
    }
    return null;
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
    if (handler == null) {
      handler = prefixed(exchange.getRequestMethod().toString(), path);
    }
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
