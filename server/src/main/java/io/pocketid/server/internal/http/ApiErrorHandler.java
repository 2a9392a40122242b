package io.pocketid.server.internal.http;

import io.pocketid.core.service.ServiceException;
import io.pocketid.server.internal.http.StorageHolder.StorageUnavailableException;
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
    } catch (BadRequestException e) {
      Responses.error(exchange, e.status(), e.getMessage());
    } catch (StorageUnavailableException e) {
      Responses.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
      if (!exchange.isResponseStarted()) {
        Responses.error(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "Something went wrong");
      }
    }
  }

  private static int statusOf(ServiceException e) {
    return switch (e.error()) {
      case INVALID_INPUT, SETUP_ALREADY_COMPLETED, ALREADY_IN_USE -> StatusCodes.BAD_REQUEST;
    };
  }
}
