package io.pocketid.oidc.admin;

import io.pocketid.core.model.GroupAccess;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.core.service.ServiceError;
import io.pocketid.core.service.ServiceException;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.UserStore;
import io.pocketid.oidc.authorize.AuthorizationRequestValidator;
import io.pocketid.oidc.token.TokenFactory;
import io.pocketid.oidc.token.UserClaimsLoader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a client would receive for a user (Pocket ID's {@code GET
 * /api/oidc/clients/:id/preview/:userId}): the claims of the ID token, the access token and the
 * userinfo response for the given scopes, computed by the same code that mints them, and never
 * signed or stored.
 */
public final class ClaimsPreview {
  private final OidcClientStore clients;
  private final UserStore users;
  private final UserClaimsLoader claims;
  private final TokenFactory tokens;
  private final Clock clock;

  public ClaimsPreview(
      OidcClientStore clients,
      UserStore users,
      UserClaimsLoader claims,
      TokenFactory tokens,
      Clock clock) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.users = Objects.requireNonNull(users, "users");
    this.claims = Objects.requireNonNull(claims, "claims");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The three claim sets. */
  public record Preview(
      Map<String, Object> idToken, Map<String, Object> accessToken, Map<String, Object> userInfo) {}

  /**
   * @param scopes space-separated; {@code openid} is added when missing
   * @throws ServiceException NOT_FOUND for an unknown client or user; INVALID_INPUT naming {@code
   *     Scopes} when one is not supported; FORBIDDEN when the client's groups do not admit the user
   */
  public Preview preview(String clientId, String userId, String scopes) {
    OidcClient client =
        clients
            .findById(clientId)
            .orElseThrow(() -> new ServiceException(ServiceError.NOT_FOUND, "Client not found"));
    User user =
        users
            .findById(userId)
            .orElseThrow(() -> new ServiceException(ServiceError.NOT_FOUND, "User not found"));
    Set<String> requested = scopes(scopes);
    GroupAccess access = claims.access(client.id(), user.id());
    if (!access.admits()) {
      throw new ServiceException(
          ServiceError.FORBIDDEN, "The user is not in a group that may use this client");
    }
    Map<String, Object> userClaims = claims.claims(user, requested, access.userGroups());
    String scope = String.join(" ", requested);
    var now = clock.instant();
    return new Preview(
        tokens.previewIdToken(userClaims, client.id(), now, List.of("hwk", "user")),
        tokens.previewAccessToken(user.id(), client.id(), scope, now),
        userClaims);
  }

  private static Set<String> scopes(String given) {
    Set<String> scopes = new LinkedHashSet<>();
    scopes.add("openid");
    List<String> unknown = new ArrayList<>();
    for (String scope : (given == null ? "" : given).trim().split("\\s+")) {
      if (scope.isEmpty()) {
        continue;
      }
      if (!AuthorizationRequestValidator.SUPPORTED_SCOPES.contains(scope)) {
        unknown.add(scope);
      }
      scopes.add(scope);
    }
    if (!unknown.isEmpty()) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "Scopes: not supported: " + String.join(", ", unknown));
    }
    return scopes;
  }
}
