package io.pocketid.oidc.provider;

import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.store.Storage;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.admin.ClaimsPreview;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationRequest;
import io.pocketid.oidc.authorize.AuthorizationRequestValidator;
import io.pocketid.oidc.authorize.AuthorizationValidation;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.client.ClientAssertionVerifier;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.client.ClientSecrets;
import io.pocketid.oidc.client.HttpJwksFetcher;
import io.pocketid.oidc.client.InMemoryJtiRegistry;
import io.pocketid.oidc.client.JwksCache;
import io.pocketid.oidc.client.JwksFetcher;
import io.pocketid.oidc.device.DeviceAuthorizationService;
import io.pocketid.oidc.discovery.Discovery;
import io.pocketid.oidc.grant.GrantStores;
import io.pocketid.oidc.grant.TokenResponse;
import io.pocketid.oidc.grant.TokenService;
import io.pocketid.oidc.introspect.IntrospectionService;
import io.pocketid.oidc.introspect.RevocationService;
import io.pocketid.oidc.keys.KeyManager;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.logout.EndSessionDecision;
import io.pocketid.oidc.logout.EndSessionService;
import io.pocketid.oidc.token.AccessTokenVerifier;
import io.pocketid.oidc.token.RevokedGrants;
import io.pocketid.oidc.token.TokenFactory;
import io.pocketid.oidc.token.UserClaimsLoader;
import io.pocketid.oidc.userinfo.UserinfoService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The OpenID Connect provider without HTTP, as one object: built from a {@link Storage}, a key
 * source and {@link OidcSettings}, it gives the token, authorization, userinfo, introspection,
 * revocation, end-session and discovery operations. Each method takes what the HTTP request carries
 * (form or query parameters, the {@code Authorization} header) and returns what the response
 * renders; protocol errors are {@link OAuthException}s with their HTTP status.
 *
 * <pre>{@code
 * OidcProvider provider = OidcProvider.builder()
 *     .settings(OidcSettings.defaults("https://id.example.com"))
 *     .storage(storage)
 *     .keys(keyManager)
 *     .build();
 * TokenResponse token = provider.token(form, Optional.ofNullable(authorizationHeader));
 * }</pre>
 *
 * <p>It wires what the server's composition root wires, with the server's defaults: client
 * assertions ({@code private_key_jwt}) fetch the client's JWKS over HTTP and refuse a reused {@code
 * jti} (per instance), bcrypt client secrets are upgraded to their fast form on first use. The
 * services it built stay reachable for what the facade does not cover (device flow, consent).
 */
public final class OidcProvider {
  private final OidcSettings settings;
  private final Supplier<KeyRing> keys;
  private final ClientAuthenticator clients;
  private final UserClaimsLoader claims;
  private final ClaimsPreview preview;
  private final TokenService tokens;
  private final AuthorizationRequestValidator authorizationRequests;
  private final AuthorizationCompletion completion;
  private final UserinfoService userinfo;
  private final IntrospectionService introspection;
  private final RevocationService revocation;
  private final EndSessionService endSession;
  private final DeviceAuthorizationService devices;

  private OidcProvider(Builder b) {
    Storage storage = Objects.requireNonNull(b.storage, "storage");
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.keys = Objects.requireNonNull(b.keys, "keys");
    Clock clock = b.clock;
    RandomTokens random = new RandomTokens();
    TokenFactory tokenFactory = new TokenFactory(settings, keys, clock);
    this.claims =
        new UserClaimsLoader(storage.groups(), storage.customClaims(), settings, b.emailsVerified);
    this.preview =
        new ClaimsPreview(storage.clients(), storage.users(), claims, tokenFactory, clock);
    ClientAssertionVerifier assertions =
        b.assertions != null
            ? b.assertions
            : new ClientAssertionVerifier(
                settings,
                storage.clients()::findById,
                new JwksCache(b.jwksFetcher, clock),
                new InMemoryJtiRegistry(),
                ClientAssertionVerifier.ReplayPolicy.REJECT_REUSED_JTI,
                clock);
    this.clients =
        new ClientAuthenticator(
            settings,
            storage.clients()::findById,
            new ClientSecrets(),
            assertions,
            storage.clients()::replaceSecretHash);
    this.tokens =
        new TokenService(
            settings,
            new GrantStores(
                storage,
                storage.users(),
                storage.authorizationCodes(),
                storage.usedCodes(),
                storage.refreshTokens(),
                storage.revokedGrants(),
                storage.deviceCodes(),
                storage.sessions()),
            keys,
            tokenFactory,
            clients,
            claims,
            random,
            clock);
    this.authorizationRequests = new AuthorizationRequestValidator(storage.clients()::findById);
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
            tokenFactory);
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
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The token endpoint ({@code POST /api/oidc/token}): every grant type of {@link
   * Discovery#GRANT_TYPES}.
   *
   * @param form the form parameters
   * @param authorization the {@code Authorization} header value, if any
   * @return the response; {@link TokenResponse#toMap()} is the JSON body
   * @throws OAuthException the error response (status, body, {@code WWW-Authenticate})
   */
  public TokenResponse token(Map<String, List<String>> form, Optional<String> authorization)
      throws OAuthException {
    return tokens.exchange(form, authorization);
  }

  /**
   * Validates an authorization request ({@code /authorize} query or form parameters): a valid
   * request, an error to show (no trustworthy redirect URI), or an error to redirect.
   */
  public AuthorizationValidation validateAuthorization(Map<String, List<String>> params) {
    return authorizationRequests.validate(params);
  }

  /**
   * Whether the user must (again) consent to the request's scopes for the client.
   *
   * @param request a validated request ({@link AuthorizationValidation.Valid})
   */
  public boolean consentRequired(String userId, AuthorizationRequest request) {
    return completion.consentRequired(userId, request.clientId(), request.scopes());
  }

  /**
   * Completes a validated authorization request for a signed-in user who has consented: records the
   * consent, issues the code.
   *
   * @param sessionId the user's browser session (the {@code sid} claim)
   * @param authTime when the user authenticated
   * @return the redirect ({@link AuthorizationCompletion.Completed#queryRedirect()}) or the
   *     parameters of a {@code form_post}
   * @throws OAuthException {@code access_denied} (403) when the user may not use the client
   */
  public AuthorizationCompletion.Completed completeAuthorization(
      AuthorizationRequest request, User user, String sessionId, Instant authTime)
      throws OAuthException {
    return completion.complete(request, user, sessionId, authTime);
  }

  /**
   * The userinfo endpoint.
   *
   * @param authorization the {@code Authorization} header value, if any
   * @param formToken the {@code access_token} form parameter of a POST, if any
   * @return the claims of the access token's scopes
   * @throws OAuthException 401 {@code invalid_token} (with {@code WWW-Authenticate})
   */
  public Map<String, Object> userinfo(Optional<String> authorization, Optional<String> formToken)
      throws OAuthException {
    return userinfo.userinfo(authorization, formToken);
  }

  /**
   * The introspection endpoint (RFC 7662), for confidential clients.
   *
   * @return the JSON body ({@code active} and, when active, the token's claims)
   */
  public Map<String, Object> introspect(
      Map<String, List<String>> form, Optional<String> authorization) throws OAuthException {
    return introspection.introspect(form, authorization);
  }

  /**
   * The revocation endpoint (RFC 7009); the HTTP answer is 200 with an empty body whatever the
   * token was.
   *
   * @return the caller when a refresh-token family was deleted (for an audit log), else empty
   */
  public Optional<AuthenticatedClient> revoke(
      Map<String, List<String>> form, Optional<String> authorization) throws OAuthException {
    return revocation.revoke(form, authorization);
  }

  /**
   * RP-initiated logout: what an end-session request leads to (confirmation, or where to redirect).
   *
   * @param signedInUserId the user of the current browser session, if any
   */
  public EndSessionDecision endSession(
      Map<String, List<String>> params, Optional<String> signedInUserId) {
    return endSession.decide(params, signedInUserId);
  }

  /** The {@code /.well-known/openid-configuration} document, for the current signing key. */
  public Map<String, Object> openidConfiguration() {
    return Discovery.openidConfiguration(settings, List.of(keys.get().currentAlgorithm()));
  }

  /** The public JWKS document ({@code {"keys":[...]}}) served at {@link Discovery#JWKS_PATH}. */
  public String jwksJson() {
    return keys.get().jwksJson();
  }

  public OidcSettings settings() {
    return settings;
  }

  /** Client authentication as the endpoints do it (for an endpoint of the embedder's own). */
  public ClientAuthenticator clientAuthenticator() {
    return clients;
  }

  /** The admin's preview of what a client would receive for a user. */
  public ClaimsPreview claimsPreview() {
    return preview;
  }

  /** The user claims for a set of scopes (and the per-client group restriction). */
  public UserClaimsLoader claims() {
    return claims;
  }

  /** The token endpoint's service. */
  public TokenService tokenService() {
    return tokens;
  }

  /** The authorization request validator ({@code /authorize} and PAR). */
  public AuthorizationRequestValidator authorizationRequests() {
    return authorizationRequests;
  }

  /** Consent and code issuance after a valid authorization request. */
  public AuthorizationCompletion completion() {
    return completion;
  }

  public UserinfoService userinfoService() {
    return userinfo;
  }

  public IntrospectionService introspectionService() {
    return introspection;
  }

  public RevocationService revocationService() {
    return revocation;
  }

  /** The device authorization grant (RFC 8628): the endpoint and the user's approval page. */
  public DeviceAuthorizationService devices() {
    return devices;
  }

  /** The end-session service, for back-channel logout deliveries after a session ends. */
  public EndSessionService endSessionService() {
    return endSession;
  }

  /** Builds an {@link OidcProvider}; settings, storage and keys are required. */
  public static final class Builder {
    private OidcSettings settings;
    private Storage storage;
    private Supplier<KeyRing> keys;
    private Clock clock = Clock.systemUTC();
    private BooleanSupplier emailsVerified = () -> false;
    private JwksFetcher jwksFetcher = new HttpJwksFetcher();
    private ClientAssertionVerifier assertions;

    private Builder() {}

    public Builder settings(OidcSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Where clients, users, codes and tokens live; the provider does not close it. */
    public Builder storage(Storage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The signing keys of a loaded {@link KeyManager} (rotations are picked up). */
    public Builder keys(KeyManager keyManager) {
      return keys(Objects.requireNonNull(keyManager, "keyManager").supplier());
    }

    /** The current key ring, asked at each signature and verification. */
    public Builder keys(Supplier<KeyRing> keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** A fixed key ring (tests, or keys managed by the embedder). */
    public Builder keys(KeyRing ring) {
      Objects.requireNonNull(ring, "ring");
      return keys(() -> ring);
    }

    /** Default: the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The {@code email_verified} claim's value, read at each call. Default: false. */
    public Builder emailsVerified(BooleanSupplier emailsVerified) {
      this.emailsVerified = Objects.requireNonNull(emailsVerified, "emailsVerified");
      return this;
    }

    /**
     * How client JWKS documents are fetched for {@code private_key_jwt}. Default: {@link
     * HttpJwksFetcher} (5 s timeout, bounded size).
     */
    public Builder jwksFetcher(JwksFetcher jwksFetcher) {
      this.jwksFetcher = Objects.requireNonNull(jwksFetcher, "jwksFetcher");
      return this;
    }

    /**
     * Replaces the default client-assertion verifier (for example with {@link
     * ClientAssertionVerifier.ReplayPolicy#ALLOW_REUSE} or a shared {@code JtiRegistry}).
     */
    public Builder clientAssertions(ClientAssertionVerifier assertions) {
      this.assertions = Objects.requireNonNull(assertions, "assertions");
      return this;
    }

    /**
     * @throws NullPointerException when settings, storage or keys are missing
     */
    public OidcProvider build() {
      return new OidcProvider(this);
    }
  }
}
