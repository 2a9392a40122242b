package io.pocketid.oidc.introspect;

import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.User;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.UserStore;
import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.client.AuthenticatedClient;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.internal.Params;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.token.AccessTokenVerifier;
import io.pocketid.oidc.token.RefreshTokenHashes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Token introspection (RFC 7662). Only authenticated (confidential) clients may ask. A token is
 * active only for the client it was issued to or, for access tokens, a client named in its {@code
 * aud} (a resource server registered as a client); anything else — unknown, expired, rotated,
 * another client's, a disabled user's — is {@code {"active": false}} and nothing more (§2.2).
 * Access tokens report {@code token_type} {@code Bearer} (RFC 7662 §2.2 refers to RFC 6749 §7.1;
 * Pocket ID said {@code access_token}); refresh tokens {@code refresh_token}.
 */
public final class IntrospectionService {
  private final OidcSettings settings;
  private final UserStore users;
  private final RefreshTokenStore refreshTokens;
  private final Supplier<KeyRing> keys;
  private final AccessTokenVerifier verifier;
  private final ClientAuthenticator authenticator;
  private final Clock clock;

  public IntrospectionService(
      OidcSettings settings,
      UserStore users,
      RefreshTokenStore refreshTokens,
      Supplier<KeyRing> keys,
      AccessTokenVerifier verifier,
      ClientAuthenticator authenticator,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.users = Objects.requireNonNull(users, "users");
    this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Authenticates the caller from the request, then {@link #introspect(AuthenticatedClient, String,
   * Optional)}.
   */
  public Map<String, Object> introspect(
      Map<String, List<String>> params, Optional<String> authorization) throws OAuthException {
    Params form = Params.of(params);
    form.requireSingle("token", "token_type_hint");
    AuthenticatedClient caller = authenticator.authenticate(params, authorization);
    return introspect(caller, form.required("token"), form.optional("token_type_hint"));
  }

  /**
   * @throws OAuthException {@code invalid_client} (401) when the caller is a public client
   */
  public Map<String, Object> introspect(
      AuthenticatedClient caller, String token, Optional<String> hint) throws OAuthException {
    if (!caller.method().authenticated()) {
      throw new OAuthException(
          OAuthError.invalidClient("public clients cannot introspect tokens"), 401, null);
    }
    boolean refreshFirst = hint.filter("refresh_token"::equals).isPresent();
    Optional<Map<String, Object>> result =
        refreshFirst
            ? refresh(caller, token).or(() -> access(caller, token))
            : access(caller, token).or(() -> refresh(caller, token));
    return result.orElse(Map.of("active", false));
  }

  private Optional<Map<String, Object>> access(AuthenticatedClient caller, String token) {
    Optional<AccessTokenVerifier.AccessToken> verified = verifier.verify(token);
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    AccessTokenVerifier.AccessToken access = verified.get();
    if (!access.clientId().equals(caller.id()) && !access.audience().contains(caller.id())) {
      return Optional.of(Map.of("active", false));
    }
    Optional<User> user = Optional.empty();
    if (!access.isClientToken()) {
      user = users.findById(access.subject());
      if (user.isEmpty() || user.get().disabled()) {
        return Optional.of(Map.of("active", false));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("active", true);
    out.put("token_type", "Bearer");
    out.put("scope", String.join(" ", access.scopes()));
    out.put("client_id", access.clientId());
    user.ifPresent(u -> out.put("username", u.username()));
    out.put("sub", access.subject());
    out.put("aud", access.audience());
    out.put("iss", settings.issuer());
    out.put("exp", access.expiresAt().getEpochSecond());
    if (access.issuedAt() != null) {
      out.put("iat", access.issuedAt().getEpochSecond());
    }
    if (access.claims().get("jti") instanceof String jti) {
      out.put("jti", jti);
    }
    return Optional.of(out);
  }

  private Optional<Map<String, Object>> refresh(AuthenticatedClient caller, String token) {
    String hash = RefreshTokenHashes.hashOf(token, keys.get(), settings.issuer());
    Optional<RefreshToken> found = refreshTokens.findByHash(hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    RefreshToken stored = found.get();
    boolean active =
        stored.clientId().equals(caller.id())
            && !stored.rotated()
            && clock.instant().isBefore(stored.expiresAt());
    Optional<User> user =
        stored.userId() == null ? Optional.empty() : users.findById(stored.userId());
    if (!active || user.isEmpty() || user.get().disabled()) {
      return Optional.of(Map.of("active", false));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("active", true);
    out.put("token_type", "refresh_token");
    out.put("scope", stored.scope());
    out.put("client_id", stored.clientId());
    out.put("username", user.get().username());
    out.put("sub", stored.userId());
    out.put("iss", settings.issuer());
    out.put("exp", stored.expiresAt().getEpochSecond());
    out.put("iat", stored.createdAt().getEpochSecond());
    return Optional.of(out);
  }
}
