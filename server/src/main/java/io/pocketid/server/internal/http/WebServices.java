package io.pocketid.server.internal.http;

import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.GeoLocator;
import io.pocketid.core.auth.ApiKeyAuthenticator;
import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.auth.ReauthenticationService;
import io.pocketid.core.auth.SessionService;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.service.AccountService;
import io.pocketid.core.service.SetupService;
import io.pocketid.core.store.Storage;
import io.pocketid.server.config.AppConfigKey;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.ClientAuthThrottle;
import io.pocketid.server.internal.auth.Cookies;
import io.pocketid.server.internal.auth.RateLimiter;
import io.pocketid.server.internal.auth.RequestAuth;
import io.pocketid.webauthn.PasskeyCeremonies;
import io.pocketid.webauthn.WebauthnSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Every service the HTTP handlers use, wired once the storage is open. The one place that decides
 * which implementation serves which need.
 */
public final class WebServices {
  public final ServerSettings settings;
  public final Storage storage;
  public final Clock clock;
  public final AppConfigReader config;
  public final Cookies cookies;
  public final ClientAddress clientAddress;
  public final SessionService sessions;
  public final LoginCodeService loginCodes;
  public final ReauthenticationService reauthentication;
  public final ApiKeyAuthenticator apiKeys;
  public final RequestAuth auth;
  public final GeoLocator geo;
  public final AuditService audit;
  public final SetupService setup;
  public final AccountService accounts;
  public final PasskeyCeremonies passkeys;
  public final RateLimiter loginFinishLimit;
  public final RateLimiter loginCodeLimit;
  public final RateLimiter reauthenticateLimit;
  public final RateLimiter deviceCodeLimit;
  public final ClientAuthThrottle clientAuthThrottle;

  public WebServices(ServerSettings settings, Storage storage, Clock clock, Geolocation geo) {
    this.settings = settings;
    this.storage = storage;
    this.clock = clock;
    this.config = new AppConfigReader(settings.appConfig(), storage, clock);
    this.cookies = new Cookies(settings.http().appUrl());
    this.clientAddress =
        new ClientAddress(settings.http().trustProxy(), settings.http().trustedProxies());
    RandomTokens random = new RandomTokens();
    this.sessions = new SessionService(storage, clock, random, config::sessionDuration);
    this.loginCodes = new LoginCodeService(storage, clock, random);
    this.reauthentication = new ReauthenticationService(storage, clock, random);
    this.apiKeys = new ApiKeyAuthenticator(storage, clock);
    this.auth = new RequestAuth(cookies, sessions, apiKeys, config::sessionDuration);
    this.geo = geo.locator();
    this.audit = new AuditService(storage, clock, this.geo);
    this.setup =
        new SetupService(
            storage,
            clock,
            () -> UUID.randomUUID().toString(),
            () -> config.bool(AppConfigKey.REQUIRE_USER_EMAIL));
    this.accounts = new AccountService(storage);
    this.passkeys =
        new PasskeyCeremonies(
            WebauthnSettings.forAppUrl(settings.http().appUrl(), config.appName(), List.of()),
            storage.users(),
            storage.passkeys(),
            storage.webauthnChallenges(),
            clock);
    boolean limits = settings.appEnv() != io.pocketid.server.config.AppEnvironment.TEST;
    this.loginFinishLimit = new RateLimiter(5, Duration.ofSeconds(10), clock, limits);
    this.loginCodeLimit = new RateLimiter(5, Duration.ofSeconds(10), clock, limits);
    this.reauthenticateLimit = new RateLimiter(5, Duration.ofSeconds(10), clock, limits);
    this.deviceCodeLimit = new RateLimiter(5, Duration.ofSeconds(10), clock, limits);
    this.clientAuthThrottle = new ClientAuthThrottle(clock, limits);
  }
}
