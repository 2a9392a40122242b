package io.pocketid.server.internal.http;

import io.pocketid.core.auth.AuthFailure;
import io.pocketid.core.store.Storage;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.server.internal.api.PasskeyApi;
import io.pocketid.server.internal.api.UserApi;
import io.pocketid.server.internal.auth.CrossSiteGuard;
import io.pocketid.server.internal.web.Pages;
import io.pocketid.server.internal.web.StaticFiles;
import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The application's routes wired to their handlers: the one place that knows which handler serves
 * which path. Services are created once the storage is open (requests wait for it up to 30 s).
 */
public final class AppRoutes {
  private static final long WAIT_MILLIS = 30_000;

  private final ServerSettings settings;
  private final Clock clock;
  private final StorageHolder storage;
  private final CompletableFuture<JsonCodec> json;
  private final Geolocation geo;
  private volatile WebServices services;

  public AppRoutes(
      ServerSettings settings,
      Clock clock,
      CompletableFuture<Storage> storage,
      CompletableFuture<JsonCodec> json,
      Geolocation geo) {
    this.settings = settings;
    this.geo = geo;
    this.clock = clock;
    this.storage = new StorageHolder(storage);
    this.json = json;
  }

  /** Security headers, trailing-slash redirects, cross-site refusal, then the routes. */
  public HttpHandler handler() {
    PasskeyApi passkeys = new PasskeyApi(this::services, this::awaitJson);
    UserApi users = new UserApi(this::services, this::awaitJson);
    Pages pages = new Pages(this::services);
    StaticFiles files = new StaticFiles();
    Routes routes =
        new Routes()
            .direct(Methods.GET, "/healthz", new HealthHandler(storage))
            // JSON API
            .blocking(Methods.POST, "/api/signup/setup", users::setup)
            .blocking(Methods.GET, "/api/users/me", users::me)
            .blocking(Methods.PUT, "/api/users/me", users::updateMe)
            .blocking(
                Methods.POST, "/api/users/me/one-time-access-token", users::createOwnLoginCode)
            .blockingPrefix(Methods.POST, "/api/one-time-access-token/", users::exchangeLoginCode)
            .blocking(Methods.GET, "/api/webauthn/register/start", passkeys::registerStart)
            .blocking(Methods.POST, "/api/webauthn/register/finish", passkeys::registerFinish)
            .blocking(Methods.GET, "/api/webauthn/login/start", passkeys::loginStart)
            .blocking(Methods.POST, "/api/webauthn/login/finish", passkeys::loginFinish)
            .blocking(Methods.POST, "/api/webauthn/logout", passkeys::logout)
            .blocking(Methods.POST, "/api/webauthn/reauthenticate", passkeys::reauthenticate)
            .blocking(Methods.GET, "/api/webauthn/credentials", passkeys::list)
            .blockingPrefix(Methods.PATCH, "/api/webauthn/credentials/", passkeys::rename)
            .blockingPrefix(Methods.DELETE, "/api/webauthn/credentials/", passkeys::delete)
            // pages
            .page(Methods.GET, "/", pages::home)
            .page(Methods.GET, "/login", pages::login)
            .page(Methods.GET, "/login/alternative/code", pages::loginCode)
            .page(Methods.GET, "/lc", pages::loginCodeLink)
            .pagePrefix(Methods.GET, "/lc/", pages::loginCodeLink)
            .page(Methods.GET, "/setup", pages::setup)
            .page(Methods.GET, "/signup/setup", pages::setup)
            .page(Methods.GET, "/signup/add-passkey", pages::addPasskey)
            .page(Methods.GET, "/logout", pages::logoutPage)
            .page(Methods.POST, "/logout", pages::logout)
            .page(Methods.GET, "/settings", pages::settings)
            .page(Methods.GET, "/settings/account", pages::account)
            .directPrefix(Methods.GET, "/static/", files::serve);
    io.pocketid.server.internal.oidc.OidcRoutes.register(routes, this::services);
    HttpHandler guarded = new CrossSiteGuard(settings.http().appUrl(), routes);
    return new SecurityHeadersHandler(
        new TrailingSlashHandler(guarded), settings.http().appUrl().startsWith("https:"));
  }

  private WebServices services() {
    WebServices current = services;
    if (current == null) {
      synchronized (this) {
        current = services;
        if (current == null) {
          current = new WebServices(settings, storage.await(WAIT_MILLIS), clock, geo);
          services = current;
        }
      }
    }
    return current;
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

  static int statusOf(AuthFailure failure) {
    return switch (failure.reason()) {
      case DISABLED_USER -> 403;
      case INVALID_TOKEN, BAD_REQUEST -> 400;
    };
  }
}
