package io.pocketid.server.internal.http;

import io.pocketid.core.service.SetupService;
import io.pocketid.core.store.Storage;
import io.pocketid.server.config.AppConfigKey;
import io.pocketid.server.config.AppConfigSettings;
import io.pocketid.server.config.GoBool;
import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The application's routes wired to their services: the one place that knows which handler serves
 * which path. Services are created once the storage is open (requests wait for it up to 30 s).
 */
public final class AppRoutes {
  private static final long WAIT_MILLIS = 30_000;

  private final AppConfigSettings appConfig;
  private final Clock clock;
  private final StorageHolder storage;
  private final CompletableFuture<JsonCodec> json;
  private volatile SetupService setupService;

  public AppRoutes(
      AppConfigSettings appConfig,
      Clock clock,
      CompletableFuture<Storage> storage,
      CompletableFuture<JsonCodec> json) {
    this.appConfig = appConfig;
    this.clock = clock;
    this.storage = new StorageHolder(storage);
    this.json = json;
  }

  /** Security headers, trailing-slash redirects, then the routes. */
  public HttpHandler handler() {
    Routes routes =
        new Routes()
            .direct(Methods.GET, "/healthz", new HealthHandler(storage))
            .blocking(
                Methods.POST,
                "/api/signup/setup",
                new SetupHandler(this::setupService, this::awaitJson));
    return new SecurityHeadersHandler(new TrailingSlashHandler(routes));
  }

  private SetupService setupService() {
    SetupService service = setupService;
    if (service == null) {
      Storage open = storage.await(WAIT_MILLIS);
      service =
          new SetupService(
              open, clock, () -> UUID.randomUUID().toString(), () -> requireUserEmail(open));
      setupService = service;
    }
    return service;
  }

  /** {@code requireUserEmail}: from the environment when the UI config is off, else stored. */
  private boolean requireUserEmail(Storage open) {
    AppConfigKey key = AppConfigKey.REQUIRE_USER_EMAIL;
    String value =
        appConfig.uiConfigDisabled()
            ? appConfig.get(key).orElse(key.defaultValue())
            : open.appConfig().loadAll().getOrDefault(key.key(), key.defaultValue());
    return GoBool.parse(value).orElse(Boolean.TRUE);
  }

  private JsonCodec awaitJson() {
    try {
      return json.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the JSON runtime", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("JSON runtime unavailable", e);
    }
  }
}
