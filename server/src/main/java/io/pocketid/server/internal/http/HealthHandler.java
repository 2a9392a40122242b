package io.pocketid.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /healthz}: 204 once the server is ready (storage open, services built, signing keys
 * loaded) and the database answers; 503 before and when the probe fails. The probe runs on a worker
 * thread, never on an IO thread.
 */
public final class HealthHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);
  private final Supplier<Optional<BooleanSupplier>> probe;

  /**
   * @param probe empty until the server is ready; then the database probe
   */
  public HealthHandler(Supplier<Optional<BooleanSupplier>> probe) {
    this.probe = probe;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Optional<BooleanSupplier> ready = probe.get();
    if (ready.isEmpty()) {
      Responses.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "Database is not available");
      return;
    }
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    boolean reachable;
    try {
      reachable = ready.get().getAsBoolean();
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
