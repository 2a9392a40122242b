package io.pocketid.server.internal.http;

import io.pocketid.core.store.Storage;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /healthz}: 204 when the database answers, 503 otherwise (also while it is still being
 * opened). The probe runs on a worker thread, never on an IO thread.
 */
public final class HealthHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);
  private final StorageHolder storage;

  public HealthHandler(StorageHolder storage) {
    this.storage = storage;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Optional<Storage> open = storage.now();
    if (open.isEmpty()) {
      Responses.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "Database is not available");
      return;
    }
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    boolean reachable;
    try {
      reachable = open.get().isReachable();
    } catch (RuntimeException e) {
      LOG.warn("Health probe failed: {}", e.toString());
      reachable = false;
    }
    if (reachable) {
      exchange.setStatusCode(StatusCodes.NO_CONTENT);
      exchange.endExchange();
    } else {
      Responses.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "Database is not reachable");
    }
  }
}
