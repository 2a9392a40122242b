package io.pocketid.server.internal.http;

import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server listens before the database is open. Until the application handler exists, requests
 * wait for it (without holding a thread) up to {@link #WAIT_SECONDS}, then get 503 "Database is not
 * available"; so do all requests when start-up failed. {@code /healthz} never waits.
 */
public final class StartupGate implements HttpHandler {
  /** How long a request waits for start-up. */
  public static final long WAIT_SECONDS = 30;

  private static final HttpHandler UNAVAILABLE =
      exchange ->
          Responses.error(exchange, StatusCodes.SERVICE_UNAVAILABLE, "Database is not available");

  private final CompletableFuture<HttpHandler> application;
  private final HttpHandler health;

  public StartupGate(CompletableFuture<HttpHandler> application, HttpHandler health) {
    this.application = application;
    this.health = health;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.getRelativePath().equals("/healthz")) {
      health.handleRequest(exchange);
      return;
    }
    if (application.isDone()) {
      (application.isCompletedExceptionally() ? UNAVAILABLE : application.join())
          .handleRequest(exchange);
      return;
    }
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () ->
            application
                .copy()
                .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS)
                .whenComplete(
                    (handler, failure) ->
                        exchange
                            .getIoThread()
                            .execute(
                                () ->
                                    Connectors.executeRootHandler(
                                        handler == null ? UNAVAILABLE : handler, exchange))));
  }
}
