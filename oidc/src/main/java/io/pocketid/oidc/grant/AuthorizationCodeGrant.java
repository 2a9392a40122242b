package io.pocketid.oidc.grant;

import static io.pocketid.oidc.OAuthError.INVALID_GRANT;
import static io.pocketid.oidc.OAuthError.INVALID_REQUEST;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.UsedCode;
import io.pocketid.core.model.User;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.AuthorizationCodeStore;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.Transactions;
import io.pocketid.core.store.UsedCodeStore;
import io.pocketid.core.store.UserStore;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.authorize.RedirectUris;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.token.Pkce;
import io.pocketid.oidc.token.RevokedGrants;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * RFC 6749 §4.1.3 and OIDC Core §3.1.3.2, unlike Pocket ID v1.15 (reference §10): the code is
 * single-use, bound to its client and redirect URI, and expires.
 *
 * <p>Code reuse (RFC 6749 §4.1.2, RFC 9700 §4.2.1): redeeming a code atomically consumes it and, in
 * the same unit, records a {@link UsedCode} mark keyed by {@code sha256("used-authorization-code:"
 * + codeHash)} that names the refresh-token family id of the tokens issued. Presenting the code
 * again finds no code but the mark, whose family is then deleted and the grant marked in {@link
 * RevokedGrants}, so its access tokens stop working at userinfo and introspection (resource servers
 * that verify the JWT themselves still accept them until they expire). The mark expires one
 * access-token lifetime after redemption and is removed by the regular cleanup. (The key is derived
 * as the tombstone rows of earlier versions were, so that the schema migration could move them.)
 */
final class AuthorizationCodeGrant {
  static final String USED_CODE_PREFIX = "used-authorization-code:";

  private final OidcSettings settings;
  private final Transactions transactions;
  private final AuthorizationCodeStore codes;
  private final UsedCodeStore usedCodes;
  private final RefreshTokenStore refreshTokens;
  private final UserStore users;
  private final RevokedGrants revoked;
  private final UserClaimsLoader claims;
  private final TokenIssuer issuer;
  private final Clock clock;

  AuthorizationCodeGrant(
      OidcSettings settings,
      Transactions transactions,
      AuthorizationCodeStore codes,
      UsedCodeStore usedCodes,
      RefreshTokenStore refreshTokens,
      UserStore users,
      RevokedGrants revoked,
      UserClaimsLoader claims,
      TokenIssuer issuer,
      Clock clock) {
    this.settings = settings;
    this.transactions = transactions;
    this.codes = codes;
    this.usedCodes = usedCodes;
    this.refreshTokens = refreshTokens;
    this.users = users;
    this.revoked = revoked;
    this.claims = claims;
    this.issuer = issuer;
    this.clock = clock;
  }

  static String usedCodeKey(String codeHash) {
    return TokenHasher.hash(USED_CODE_PREFIX + codeHash);
  }

  Outcome<TokenResponse> redeem(
      AuthenticatedClient client,
      String code,
      Optional<String> redirectUri,
      Optional<String> verifier) {
    String codeHash = TokenHasher.hash(code);
    String familyId = UUID.randomUUID().toString();
    TokenIssuer.Fresh fresh = issuer.fresh();
    Outcome<TokenIssuer.Prepared> prepared =
        transactions.inTransaction(
            () -> consume(client, codeHash, redirectUri, verifier, familyId, fresh));
    return prepared.map(issuer::sign);
  }

  /**
   * The one write unit of a redemption: consume the code, check it, read the user and claims, save
   * the refresh token and the used-code mark. Nothing is signed here.
   */
  private Outcome<TokenIssuer.Prepared> consume(
      AuthenticatedClient client,
      String codeHash,
      Optional<String> redirectUri,
      Optional<String> verifier,
      String familyId,
      TokenIssuer.Fresh fresh) {
    Optional<AuthorizationCode> consumed = codes.consume(codeHash);
    if (consumed.isEmpty()) {
      return reused(codeHash).map(r -> null);
    }
    AuthorizationCode stored = consumed.get();
    Instant now = clock.instant();
    if (!stored.clientId().equals(client.id())) {
      return Outcome.fail(INVALID_GRANT, "the code was issued to another client");
    }
    if (!now.isBefore(stored.expiresAt())) {
      return Outcome.fail(INVALID_GRANT, "the code has expired");
    }
    Outcome<TokenResponse> bound = checkRedirectUri(client.client(), stored, redirectUri);
    if (bound != null) {
      return bound.map(r -> null);
    }
    Outcome<TokenResponse> pkce = checkPkce(client.client(), stored, verifier);
    if (pkce != null) {
      return pkce.map(r -> null);
    }
    Optional<User> user = users.findById(stored.userId());
    if (user.isEmpty() || user.get().disabled()) {
      return Outcome.fail(INVALID_GRANT, "the user no longer exists or is disabled");
    }
    GroupAccess access = claims.access(client.id(), stored.userId());
    if (!access.admits()) {
      return Outcome.fail(INVALID_GRANT, "You're not allowed to access this service");
    }
    TokenIssuer.Prepared prepared =
        issuer.prepare(
            new TokenIssuer.Grant(
                user.get(),
                client.id(),
                TokenIssuer.scopes(stored.scope()),
                stored.scope(),
                stored.nonce(),
                stored.authTime(),
                stored.sessionId(),
                familyId,
                access.userGroups()),
            fresh);
    issuer.store(prepared);
    usedCodes.record(
        new UsedCode(
            usedCodeKey(codeHash),
            familyId,
            now.truncatedTo(ChronoUnit.MILLIS).plus(settings.accessTokenLifetime())));
    return Outcome.ok(prepared);
  }

  private Outcome<TokenResponse> reused(String codeHash) {
    Optional<UsedCode> used = usedCodes.take(usedCodeKey(codeHash));
    if (used.isPresent()) {
      refreshTokens.deleteFamily(used.get().grantId());
      revoked.revoke(used.get().grantId(), clock.instant().plus(settings.accessTokenLifetime()));
      return Outcome.fail(
          INVALID_GRANT, "the code was already used; the tokens issued from it are revoked");
    }
    return Outcome.fail(INVALID_GRANT, "the code is invalid, expired or already used");
  }

  /**
   * RFC 6749 §4.1.3: redirect_uri must be identical to the authorization request's. When absent it
   * is accepted only if the client has a single registered URI without wildcard (the only one the
   * authorization request could have used, with or without naming it). Compared in wire form: the
   * authorization request stored the form it redirected to.
   */
  private static Outcome<TokenResponse> checkRedirectUri(
      OidcClient client, AuthorizationCode stored, Optional<String> redirectUri) {
    if (redirectUri.isPresent()) {
      return RedirectUris.normalize(redirectUri.get())
              .filter(wire -> wire.equals(stored.redirectUri()))
              .isPresent()
          ? null
          : Outcome.fail(INVALID_GRANT, "redirect_uri differs from the authorization request");
    }
    boolean onlyOne =
        client.callbackUrls().size() == 1
            && client.callbackUrls().get(0).equals(stored.redirectUri());
    return onlyOne ? null : Outcome.fail(INVALID_REQUEST, "redirect_uri is missing");
  }

  /**
   * RFC 7636 §4.6 and RFC 9700 §2.1.1: a stored challenge needs a matching verifier; a verifier
   * without a stored challenge is refused (PKCE downgrade); public and PKCE clients need PKCE.
   */
  private static Outcome<TokenResponse> checkPkce(
      OidcClient client, AuthorizationCode stored, Optional<String> verifier) {
    if (stored.codeChallenge() == null) {
      if (verifier.isPresent()) {
        return Outcome.fail(INVALID_GRANT, "code_verifier sent but no code_challenge was");
      }
      if (client.publicClient() || client.pkceEnabled()) {
        return Outcome.fail(INVALID_GRANT, "this client must use PKCE");
      }
      return null;
    }
    if (verifier.isEmpty()) {
      return Outcome.fail(INVALID_GRANT, "code_verifier is missing");
    }
    return Pkce.verify(stored.codeChallenge(), verifier.get())
        ? null
        : Outcome.fail(INVALID_GRANT, "code_verifier does not match the code_challenge");
  }
}
