package io.pocketid.server.internal.oidc;

import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.store.Storage;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationRequestValidator;
import io.pocketid.oidc.authorize.PushedAuthorizations;
import io.pocketid.oidc.client.ClientAssertionVerifier;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.client.ClientSecrets;
import io.pocketid.oidc.client.HttpJwksFetcher;
import io.pocketid.oidc.client.InMemoryJtiRegistry;
import io.pocketid.oidc.client.JwksCache;
import io.pocketid.oidc.device.DeviceAuthorizationService;
import io.pocketid.oidc.discovery.Discovery;
import io.pocketid.oidc.grant.GrantStores;
import io.pocketid.oidc.grant.TokenService;
import io.pocketid.oidc.introspect.IntrospectionService;
import io.pocketid.oidc.introspect.RevocationService;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.logout.EndSessionService;
import io.pocketid.oidc.logout.HttpBackchannelLogoutSender;
import io.pocketid.oidc.token.AccessTokenVerifier;
import io.pocketid.oidc.token.RevokedGrants;
import io.pocketid.oidc.token.TokenFactory;
import io.pocketid.oidc.token.UserClaimsLoader;
import io.pocketid.oidc.userinfo.UserinfoService;
import io.pocketid.server.config.AppConfigKey;
import io.pocketid.server.internal.http.WebServices;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The oidc module's services, wired as {@code oidc/README.md} describes, once the storage is open.
 * The signing keys are loaded (or created) when this is built.
 */
public final class OidcServices {
  final WebServices web;
  final OidcSettings settings;
  final SigningKeys signingKeys;
  final Supplier<KeyRing> keys;
  final UserClaimsLoader claims;
  final ClientAuthenticator clients;
  final TokenService tokens;
  final AuthorizationRequestValidator validator;
  final PushedAuthorizations par;
  final AuthorizationCompletion completion;
  final UserinfoService userinfo;
  final IntrospectionService introspection;
  final RevocationService revocation;
  final EndSessionService endSession;
  final DeviceAuthorizationService devices;
  final HttpBackchannelLogoutSender backchannel = new HttpBackchannelLogoutSender();
  final ExecutorService background;
  private volatile Cached cached;

  /** Discovery and JWKS documents for one key ring, rendered once (bytes and ETag). */
  record Cached(KeyRing ring, StaticDocument openidConfiguration, StaticDocument jwks) {}

  OidcServices(WebServices web) {
    this.web = web;
    Storage storage = web.storage;
    Clock clock = web.clock;
    this.settings = settings(web);
    this.signingKeys = SigningKeys.forServer(web.settings, storage, clock);
    signingKeys.load();
    this.keys = signingKeys.supplier();
    TokenFactory factory = new TokenFactory(settings, keys, clock);
    this.claims =
        new UserClaimsLoader(
            storage.groups(),
            storage.customClaims(),
            settings,
            () -> web.config.bool(AppConfigKey.EMAILS_VERIFIED));
    this.clients =
        new ClientAuthenticator(
            settings,
            storage.clients()::findById,
            new ClientSecrets(),
            new ClientAssertionVerifier(
                settings,
                storage.clients()::findById,
                new JwksCache(new HttpJwksFetcher(), clock),
                new InMemoryJtiRegistry(),
                ClientAssertionVerifier.ReplayPolicy.REJECT_REUSED_JTI,
                clock),
            storage.clients()::replaceSecretHash);
    RandomTokens random = new RandomTokens();
    this.tokens =
        new TokenService(
            settings, GrantStores.of(storage), keys, factory, clients, claims, random, clock);
    this.validator = new AuthorizationRequestValidator(storage.clients()::findById);
    this.par = new PushedAuthorizations(settings, clients, validator, keys, clock);
    this.completion =
        new AuthorizationCompletion(
            settings,
            storage,
            storage.clients(),
            storage.authorizationCodes(),
            storage.consents(),
            claims,
            random,
            clock);
    AccessTokenVerifier accessTokens =
        new AccessTokenVerifier(settings, keys, new RevokedGrants(storage.revokedGrants()), clock);
    this.userinfo = new UserinfoService(settings, accessTokens, storage.users(), claims);
    this.introspection =
        new IntrospectionService(
            settings, storage.users(), storage.refreshTokens(), keys, accessTokens, clients, clock);
    this.revocation = new RevocationService(settings, storage.refreshTokens(), keys, clients);
    this.endSession =
        new EndSessionService(
            settings,
            storage.clients(),
            storage.consents(),
            storage.refreshTokens(),
            keys,
            factory);
    this.devices =
        new DeviceAuthorizationService(
            settings,
            storage,
            storage.clients(),
            storage.deviceCodes(),
            clients,
            claims,
            completion,
            random,
            clock);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000),
            r -> {
              Thread t = new Thread(r, "pocket-id-backchannel-logout");
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.DiscardPolicy());
    this.background = pool;
  }

  static OidcSettings settings(WebServices web) {
    return OidcSettings.defaults(web.settings.http().appUrl())
        .withInternalBaseUrl(web.settings.http().internalAppUrl());
  }

  /** The longest lifetime of a token signed with a key (ID and access tokens), plus clock skew. */
  static Duration publishAfterRetirement(OidcSettings settings) {
    Duration longest =
        settings.accessTokenLifetime().compareTo(settings.idTokenLifetime()) >= 0
            ? settings.accessTokenLifetime()
            : settings.idTokenLifetime();
    return longest.plusMinutes(5);
  }

  /** The discovery and JWKS documents of the current ring (re-rendered after a rotation). */
  Cached documents() {
    KeyRing ring = keys.get();
    Cached current = cached;
    if (current == null || current.ring() != ring) {
      String config =
          JsonOut.write(Discovery.openidConfiguration(settings, List.of(ring.currentAlgorithm())));
      current = new Cached(ring, StaticDocument.of(config), StaticDocument.of(ring.jwksJson()));
      cached = current;
    }
    return current;
  }
}
