package io.pocketid.oidc.grant;

import io.pocketid.core.security.RandomTokens;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.internal.Params;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.token.RevokedGrants;
import io.pocketid.oidc.token.TokenFactory;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The token endpoint (RFC 6749 §3.2, §4.1.3, §4.4, §6; RFC 8628 §3.4): one method per grant and
 * {@link #exchange} that reads the form, authenticates the client and dispatches. Every error is an
 * {@link OAuthException} with an RFC 6749 §5.2 code. Thread-safe.
 */
public final class TokenService {
  public static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private static final List<String> SINGLE =
      List.of(
          "grant_type",
          "code",
          "redirect_uri",
          "code_verifier",
          "refresh_token",
          "scope",
          "device_code",
          "resource");

  private final TokenFactory tokens;
  private final ClientAuthenticator authenticator;
  private final AuthorizationCodeGrant codeGrant;
  private final RefreshTokenGrant refreshGrant;
  private final DeviceCodeGrant deviceGrant;
  private final long accessTokenSeconds;

  public TokenService(
      OidcSettings settings,
      GrantStores stores,
      Supplier<KeyRing> keys,
      TokenFactory tokens,
      ClientAuthenticator authenticator,
      UserClaimsLoader claims,
      RandomTokens random,
      Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(stores, "stores");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    TokenIssuer issuer =
        new TokenIssuer(
            settings, stores.refreshTokens(), stores.sessions(), tokens, claims, random, clock);
    RevokedGrants revoked = new RevokedGrants(stores.revokedGrants());
    this.codeGrant =
        new AuthorizationCodeGrant(
            settings,
            stores.transactions(),
            stores.authorizationCodes(),
            stores.usedCodes(),
            stores.refreshTokens(),
            stores.users(),
            revoked,
            claims,
            issuer,
            clock);
    this.refreshGrant =
        new RefreshTokenGrant(
            settings,
            stores.transactions(),
            stores.refreshTokens(),
            stores.users(),
            revoked,
            claims,
            issuer,
            keys,
            clock);
    this.deviceGrant =
        new DeviceCodeGrant(
            settings,
            stores.transactions(),
            stores.deviceCodes(),
            stores.users(),
            claims,
            issuer,
            clock);
    this.accessTokenSeconds = settings.accessTokenLifetime().toSeconds();
  }

  /**
   * Handles a token request: parameters are checked for repetition, {@code grant_type} is read, the
   * client is authenticated, and the grant runs.
   *
   * @param params the form parameters
   * @param authorization the {@code Authorization} header value, if any
   */
  public TokenResponse exchange(Map<String, List<String>> params, Optional<String> authorization)
      throws OAuthException {
    Params form = Params.of(params);
    form.requireSingle(SINGLE.toArray(String[]::new));
    String grantType = form.required("grant_type");
    if (!List.of("authorization_code", "refresh_token", "client_credentials", DEVICE_CODE_GRANT)
        .contains(grantType)) {
      throw OAuthException.badRequest(
          OAuthError.UNSUPPORTED_GRANT_TYPE,
          "grant_type '" + truncate(grantType) + "' is not supported");
    }
    AuthenticatedClient client = authenticator.authenticate(params, authorization);
    return switch (grantType) {
      case "authorization_code" ->
          authorizationCode(
              client,
              form.required("code"),
              form.optional("redirect_uri"),
              form.optional("code_verifier"));
      case "refresh_token" ->
          refreshToken(client, form.required("refresh_token"), form.optional("scope"));
      case "client_credentials" ->
          clientCredentials(client, form.optional("scope"), form.optional("resource"));
      default -> deviceCode(client, form.required("device_code"));
    };
  }

  /** RFC 6749 §4.1.3 (see {@link AuthorizationCodeGrant}). */
  public TokenResponse authorizationCode(
      AuthenticatedClient client,
      String code,
      Optional<String> redirectUri,
      Optional<String> codeVerifier)
      throws OAuthException {
    return codeGrant.redeem(client, code, redirectUri, codeVerifier).get();
  }

  /** RFC 6749 §6 with rotation (see {@link RefreshTokenGrant}). */
  public TokenResponse refreshToken(
      AuthenticatedClient client, String refreshToken, Optional<String> scope)
      throws OAuthException {
    return refreshGrant.refresh(client, refreshToken, scope).get();
  }

  /**
   * RFC 6749 §4.4: only clients that authenticated (a secret or a federated client assertion; a
   * client marked public that proves a federated identity counts as confidential here). The access
   * token's {@code sub} is {@code client-<id>} and its {@code aud} the client id. A {@code
   * resource} (RFC 8707) is accepted only when it names a target this client may address — today
   * only itself, as no resource servers are registered — and is {@code invalid_target} otherwise:
   * Pocket ID put any {@code resource} into {@code aud}, so a client could mint tokens that another
   * client's introspection accepted (security finding 9). No refresh or ID token. A requested
   * {@code scope} is ignored and none is granted: clients have no registered API scopes to grant
   * from (Pocket ID ignores it too).
   */
  public TokenResponse clientCredentials(
      AuthenticatedClient client, Optional<String> scope, Optional<String> resource)
      throws OAuthException {
    if (!client.method().authenticated()) {
      throw OAuthException.badRequest(
          OAuthError.UNAUTHORIZED_CLIENT, "public clients cannot use client_credentials");
    }
    if (resource.isPresent() && !resource.get().equals(client.id())) {
      throw OAuthException.badRequest(
          OAuthError.INVALID_TARGET,
          "resource '" + truncate(resource.get()) + "' is not a target this client may address");
    }
    TokenFactory.Minted access =
        tokens.accessToken("client-" + client.id(), client.id(), "", client.id(), null);
    return new TokenResponse(access.token(), accessTokenSeconds, "", null, null);
  }

  /** RFC 8628 §3.4–3.5 (see {@link DeviceCodeGrant}). */
  public TokenResponse deviceCode(AuthenticatedClient client, String deviceCode)
      throws OAuthException {
    return deviceGrant.poll(client, deviceCode).get();
  }

  private static String truncate(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "…" : value;
  }
}
