package io.pocketid.oidc.grant;

import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.security.TokenHasher;
import io.pocketid.core.store.Storage;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.token.AuthenticationMethods;
import io.pocketid.oidc.token.TokenFactory;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Issues the tokens of a user grant: access token, ID token (with openid), refresh token. */
final class TokenIssuer {
  private final OidcSettings settings;
  private final Storage storage;
  private final TokenFactory tokens;
  private final UserClaimsLoader claims;
  private final RandomTokens random;
  private final Clock clock;

  TokenIssuer(
      OidcSettings settings,
      Storage storage,
      TokenFactory tokens,
      UserClaimsLoader claims,
      RandomTokens random,
      Clock clock) {
    this.settings = settings;
    this.storage = storage;
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
      String familyId) {}

  /**
   * {@code amr} from the browser session the grant came from, while it is still active (a session
   * that ended, or a device grant, gives no claim).
   */
  private List<String> amr(Grant grant) {
    if (grant.sessionId() == null) {
      return List.of();
    }
    return storage.sessions().listActiveForUser(grant.user().id(), clock.instant()).stream()
        .filter(s -> s.id().equals(grant.sessionId()))
        .findFirst()
        .map(s -> AuthenticationMethods.of(s.authMethod()))
        .orElse(List.of());
  }

  /** Mints the tokens and stores the refresh token (call inside the grant's transaction). */
  TokenResponse issue(Grant grant) {
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
    if (grant.scopes().contains("openid")) {
      idToken =
          tokens
              .idToken(
                  claims.claims(grant.user(), grant.scopes()),
                  grant.clientId(),
                  grant.nonce(),
                  grant.authTime(),
                  grant.sessionId(),
                  amr(grant),
                  access.token())
              .token();
    }
    String refresh = random.urlSafe(32);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    storage
        .refreshTokens()
        .save(
            new RefreshToken(
                UUID.randomUUID().toString(),
                TokenHasher.hash(refresh),
                grant.familyId(),
                now,
                now.plus(settings.refreshTokenLifetime()),
                grant.user().id(),
                grant.clientId(),
                grant.refreshScope(),
                false,
                grant.sessionId(),
                grant.authTime()));
    return new TokenResponse(
        access.token(), settings.accessTokenLifetime().toSeconds(), scope, idToken, refresh);
  }

  static List<String> scopes(String scope) {
    return scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
  }
}
