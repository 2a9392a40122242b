package io.pocketid.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routing by method and path template. A template is a path whose segments are literals, {@code
 * {name}} (one non-empty segment, read with {@link #param}) or, last, {@code {*}} (the rest of the
 * path, at least one segment). Literal segments win over parameters, whatever the order of
 * registration. {@code GET} routes answer {@code HEAD} too.
 *
 * <p>Unknown {@code /api/...} paths (and known paths with another method, as in gin) answer 404
 * {@code {"error":"API endpoint not found"}}; other unknown paths an empty 404.
 */
public final class Routes implements HttpHandler {
  private static final AttachmentKey<PathParams> PARAMS = AttachmentKey.create(PathParams.class);
  private static final String REST = "{*}";

  private final Node root = new Node();

  private record PathParams(Map<String, String> values) {}

  /** A route tree node: literal children, one parameter child, a rest handler, handlers. */
  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    Node param;
    String paramName;
    final Map<String, HttpHandler> rest = new HashMap<>();
    final Map<String, HttpHandler> handlers = new HashMap<>();
  }

  /**
   * Adds a handler that may block: it runs on a worker thread in blocking mode, once its request
   * body is in memory (see {@link BufferedBodyHandler}); errors as {@code {"error":"..."}}.
   */
  public Routes api(HttpString method, String template, HttpHandler handler) {
    return add(method, template, api(handler));
  }

  /**
   * Adds an API handler that receives a file: as {@link #api}, with a body of up to {@link
   * BufferedBodyHandler#UPLOAD_MAX_BYTES}.
   */
  public Routes upload(HttpString method, String template, HttpHandler handler) {
    return add(
        method,
        template,
        new BufferedBodyHandler(
            new BlockingHandler(new ApiErrorHandler(handler)),
            new ApiErrorHandler(Routes::tooLarge),
            BufferedBodyHandler.UPLOAD_MAX_BYTES));
  }

  /** Adds a blocking page handler (errors become a short HTML page). */
  public Routes page(HttpString method, String template, HttpHandler handler) {
    return add(method, template, page(handler));
  }

  /** Adds a handler that runs where it is called (it dispatches itself if it blocks). */
  public Routes direct(HttpString method, String template, HttpHandler handler) {
    return add(method, template, handler);
  }

  /** The value of the template parameter {@code {name}} of this request's route. */
  public static String param(HttpServerExchange exchange, String name) {
    PathParams params = exchange.getAttachment(PARAMS);
    String value = params == null ? null : params.values().get(name);
    if (value == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return value;
  }

  private static HttpHandler api(HttpHandler handler) {
    return new BufferedBodyHandler(
        new BlockingHandler(new IoThreadReply(new ApiErrorHandler(handler))),
        new ApiErrorHandler(Routes::tooLarge));
  }

  private static HttpHandler page(HttpHandler handler) {
    return new BufferedBodyHandler(
        new BlockingHandler(new PageErrorHandler(handler)), new PageErrorHandler(Routes::tooLarge));
  }

  private static void tooLarge(HttpServerExchange exchange) {
    throw new BadRequestException(
        StatusCodes.REQUEST_ENTITY_TOO_LARGE, BufferedBodyHandler.TOO_LARGE);
  }

  private Routes add(HttpString method, String template, HttpHandler handler) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("a template starts with /: " + template);
    }
    Node node = root;
    List<String> segments = segments(template);
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.equals(REST)) {
        if (i != segments.size() - 1) {
          throw new IllegalArgumentException("{*} must be last: " + template);
        }
        put(node.rest, method, handler, template);
        return this;
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String name = segment.substring(1, segment.length() - 1);
        if (node.param == null) {
          node.param = new Node();
          node.paramName = name;
        } else if (!node.paramName.equals(name)) {
          throw new IllegalArgumentException(
              "parameter {" + name + "} where {" + node.paramName + "} is: " + template);
        }
        node = node.param;
      } else {
        node = node.literals.computeIfAbsent(segment, s -> new Node());
      }
    }
    put(node.handlers, method, handler, template);
    return this;
  }

  private static void put(
      Map<String, HttpHandler> handlers, HttpString method, HttpHandler handler, String template) {
    if (handlers.putIfAbsent(method.toString(), handler) != null) {
      throw new IllegalArgumentException("two routes for " + method + " " + template);
    }
    if (method.equals(Methods.GET)) {
      handlers.putIfAbsent(Methods.HEAD.toString(), handler);
    }
  }

  /** The segments of a path; "/" has one empty segment, so only "/" matches it. */
  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    int start = 1;
    while (true) {
      int slash = path.indexOf('/', start);
      if (slash < 0) {
        out.add(path.substring(start));
        return out;
      }
      out.add(path.substring(start, slash));
      start = slash + 1;
    }
  }

  private HttpHandler find(String method, String path, Map<String, String> params) {
    if (!path.startsWith("/")) {
      return null;
    }
    return find(root, segments(path), 0, method, params);
  }

  private static HttpHandler find(
      Node node, List<String> segments, int index, String method, Map<String, String> params) {
    if (index == segments.size()) {
      return node.handlers.get(method);
    }
    String segment = segments.get(index);
    Node literal = node.literals.get(segment);
    if (literal != null) {
      HttpHandler found = find(literal, segments, index + 1, method, params);
      if (found != null) {
        return found;
      }
    }
    if (node.param != null && !segment.isEmpty()) {
      HttpHandler found = find(node.param, segments, index + 1, method, params);
      if (found != null) {
        params.put(node.paramName, segment);
        return found;
      }
    }
    HttpHandler rest = node.rest.get(method);
    if (rest != null && !segment.isEmpty()) {
      return rest;
    }
    return null;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRelativePath();
    Map<String, String> params = new HashMap<>();
    HttpHandler handler = find(exchange.getRequestMethod().toString(), path, params);
    if (handler != null) {
      if (!params.isEmpty()) {
        exchange.putAttachment(PARAMS, new PathParams(params));
      }
      handler.handleRequest(exchange);
    } else if (path.equals("/api") || path.startsWith("/api/")) {
      Responses.error(exchange, StatusCodes.NOT_FOUND, "API endpoint not found");
    } else {
      exchange.setStatusCode(StatusCodes.NOT_FOUND);
      exchange.endExchange();
    }
  }
}
