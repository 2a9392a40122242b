package io.pocketid.oidc.userinfo;

import io.pocketid.core.model.User;
import io.pocketid.core.store.UserStore;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.token.AccessTokenVerifier;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The UserInfo endpoint (OIDC Core §5.3) with bearer token usage per RFC 6750. The claims follow
 * the scopes in the access token, not the current consent (Pocket ID read the consent row, so a
 * narrower consent given later changed what older tokens returned). The user must still exist and
 * be enabled.
 */
public final class UserinfoService {
  private final AccessTokenVerifier verifier;
  private final UserStore users;
  private final UserClaimsLoader claims;
  private final String realm;

  public UserinfoService(
      OidcSettings settings,
      AccessTokenVerifier verifier,
      UserStore users,
      UserClaimsLoader claims) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.users = Objects.requireNonNull(users, "users");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.realm = "Bearer realm=\"" + settings.issuer().replace("\"", "") + "\"";
  }

  /**
   * The claims for the presented access token.
   *
   * @param authorization the {@code Authorization} header value, if any (RFC 6750 §2.1)
   * @param formToken the {@code access_token} form parameter of a POST, if any (RFC 6750 §2.2)
   * @throws OAuthException 401 {@code invalid_token}, or 400 {@code invalid_request} when the token
   *     is sent twice; the exception carries the {@code WWW-Authenticate} value (RFC 6750 §3)
   */
  public Map<String, Object> userinfo(Optional<String> authorization, Optional<String> formToken)
      throws OAuthException {
    Optional<String> header = authorization.flatMap(UserinfoService::bearer);
    if (header.isPresent() && formToken.isPresent()) {
      throw error(400, OAuthError.INVALID_REQUEST, "send the access token only once");
    }
    Optional<String> token = header.or(() -> formToken);
    if (token.isEmpty()) {
      throw new OAuthException(
          new OAuthError(OAuthError.INVALID_REQUEST, "Missing access token"), 401, realm);
    }
    AccessTokenVerifier.AccessToken access =
        verifier
            .verify(token.get())
            .orElseThrow(() -> error(401, OAuthError.INVALID_TOKEN, "the access token is invalid"));
    if (access.isClientToken()) {
      throw error(401, OAuthError.INVALID_TOKEN, "the access token does not belong to a user");
    }
    Optional<User> user = users.findById(access.subject());
    if (user.isEmpty() || user.get().disabled()) {
      throw error(401, OAuthError.INVALID_TOKEN, "the user no longer exists or is disabled");
    }
    return claims.claims(user.get(), access.scopes());
  }

  /** The token of a {@code Bearer} header (scheme case-insensitive). */
  static Optional<String> bearer(String header) {
    if (header.length() > 7 && header.substring(0, 7).equalsIgnoreCase("bearer ")) {
      String token = header.substring(7).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    return Optional.empty();
  }

  private OAuthException error(int status, String code, String description) {
    String challenge =
        realm
            + ", error=\""
            + code
            + "\", error_description=\""
            + description.replace("\"", "'")
            + "\"";
    return new OAuthException(new OAuthError(code, description), status, challenge);
  }
}
