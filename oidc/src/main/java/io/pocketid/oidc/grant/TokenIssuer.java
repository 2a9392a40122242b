package io.pocketid.oidc.grant;

import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.SessionStore;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.token.AuthenticationMethods;
import io.pocketid.oidc.token.TokenFactory;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues the tokens of a user grant: access token, ID token (with openid), refresh token.
 *
 * <p>In three steps, so that no signature is computed while a write transaction holds the database
 * (SQLite has one writer): {@link #fresh()} draws and hashes the new refresh token before any
 * transaction; {@link #prepare} reads what the tokens need (claims, {@code amr}) and builds the
 * refresh-token row, inside the grant's unit of work, and {@link #store} saves that row; {@link
 * #sign} signs the access and ID tokens after the unit has committed (or outside any unit).
 */
final class TokenIssuer {
  private final OidcSettings settings;
  private final RefreshTokenStore refreshTokens;
  private final SessionStore sessions;
  private final TokenFactory tokens;
  private final UserClaimsLoader claims;
  private final RandomTokens random;
  private final Clock clock;

  TokenIssuer(
      OidcSettings settings,
      RefreshTokenStore refreshTokens,
      SessionStore sessions,
      TokenFactory tokens,
      UserClaimsLoader claims,
      RandomTokens random,
      Clock clock) {
    this.settings = settings;
    this.refreshTokens = refreshTokens;
    this.sessions = sessions;
    this.tokens = tokens;
    this.claims = claims;
    this.random = random;
    this.clock = clock;
  }

  /** What a user grant issues tokens for. */
  record Grant(
      User user,
      String clientId,
      List<String> scopes,
      String refreshScope,
      String nonce,
      Instant authTime,
      String sessionId,
      String familyId,
      List<UserGroup> groups) {}

  /** A new refresh token and its stored hash, drawn before the unit of work. */
  record Fresh(String token, String hash) {}

  /** What {@link #sign} needs, read inside the unit of work, and the row {@link #store} saves. */
  record Prepared(
      Grant grant, Map<String, Object> idClaims, List<String> amr, Fresh fresh, RefreshToken row) {}

  Fresh fresh() {
    String token = random.urlSafe(32);
    return new Fresh(token, TokenHasher.hash(token));
  }

  /**
   * {@code amr} from the browser session the grant came from, while it is still active (a session
   * that ended, or a device grant, gives no claim).
   */
  private List<String> amr(Grant grant) {
    if (grant.sessionId() == null) {
      return List.of();
    }
    return sessions.listActiveForUser(grant.user().id(), clock.instant()).stream()
        .filter(s -> s.id().equals(grant.sessionId()))
        .findFirst()
        .map(s -> AuthenticationMethods.of(s.authMethod()))
        .orElse(List.of());
  }

  /** Reads the claims and {@code amr} and builds the refresh-token row (reads only). */
  Prepared prepare(Grant grant, Fresh fresh) {
    Map<String, Object> idClaims = null;
    List<String> amr = List.of();
    if (grant.scopes().contains("openid")) {
      idClaims = claims.claims(grant.user(), grant.scopes(), grant.groups());
      amr = amr(grant);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    RefreshToken row =
        new RefreshToken(
            UUID.randomUUID().toString(),
            fresh.hash(),
            grant.familyId(),
            now,
            now.plus(settings.refreshTokenLifetime()),
            grant.user().id(),
            grant.clientId(),
            grant.refreshScope(),
            false,
            grant.sessionId(),
            grant.authTime());
    return new Prepared(grant, idClaims, amr, fresh, row);
  }

  /** Saves the new refresh token (inside the grant's unit of work). */
  void store(Prepared prepared) {
    refreshTokens.save(prepared.row());
  }

  /** Signs the access token and, with openid, the ID token: no storage, call outside a unit. */
  TokenResponse sign(Prepared prepared) {
    Grant grant = prepared.grant();
    String scope = String.join(" ", grant.scopes());
    TokenFactory.Minted access =
        tokens.accessToken(
            grant.user().id(),
            grant.clientId(),
            scope,
            grant.clientId(),
            grant.authTime(),
            grant.familyId());
    String idToken = null;
    if (prepared.idClaims() != null) {
      idToken =
          tokens
              .idToken(
                  prepared.idClaims(),
                  grant.clientId(),
                  grant.nonce(),
                  grant.authTime(),
                  grant.sessionId(),
                  prepared.amr(),
                  access.token())
              .token();
    }
    return new TokenResponse(
        access.token(),
        settings.accessTokenLifetime().toSeconds(),
        scope,
        idToken,
        prepared.fresh().token());
  }

  static List<String> scopes(String scope) {
    return scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
  }
}
