package io.pocketid.server.internal.http;

import io.pocketid.core.service.ServiceException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions from API handlers into Pocket ID's {@code {"error":"..."}} bodies: service
 * errors 400, unreadable requests 400/413, an unavailable database 503, anything else 500
 * "Something went wrong" (logged, never echoed).
 */
public final class ApiErrorHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);
  private final HttpHandler next;

  public ApiErrorHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      next.handleRequest(exchange);
    } catch (ServiceException e) {
      Responses.error(exchange, statusOf(e), e.getMessage());
    } catch (io.pocketid.core.auth.AuthFailure e) {
      Responses.error(exchange, statusOf(e), e.getMessage());
    } catch (BadRequestException e) {
      Responses.error(exchange, e.status(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
      if (!Responses.answered(exchange)) {
        Responses.error(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "Something went wrong");
      }
    }
  }

  static int statusOf(ServiceException e) {
    return switch (e.error()) {
      case INVALID_INPUT, SETUP_ALREADY_COMPLETED, ALREADY_IN_USE -> StatusCodes.BAD_REQUEST;
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case UNAUTHENTICATED -> StatusCodes.UNAUTHORIZED;
      case FORBIDDEN -> StatusCodes.FORBIDDEN;
    };
  }

  /** A disabled user 403, else 400. */
  static int statusOf(io.pocketid.core.auth.AuthFailure failure) {
    return switch (failure.reason()) {
      case DISABLED_USER -> 403;
      case INVALID_TOKEN, BAD_REQUEST -> 400;
    };
  }
}
