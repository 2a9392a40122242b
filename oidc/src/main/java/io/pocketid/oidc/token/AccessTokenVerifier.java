package io.pocketid.oidc.token;

import com.nimbusds.jose.JWSObject;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.keys.KeyRing;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies the access tokens this provider issues (RFC 9068 §4): signature by a key of the ring,
 * {@code typ} {@code at+jwt}, {@code iss} this issuer, not expired, and its grant not revoked
 * ({@link RevokedGrants}; one key-value lookup for tokens that name a grant). Thread-safe.
 */
public final class AccessTokenVerifier {
  private final OidcSettings settings;
  private final Supplier<KeyRing> keys;
  private final RevokedGrants revokedGrants;
  private final Clock clock;

  public AccessTokenVerifier(
      OidcSettings settings, Supplier<KeyRing> keys, RevokedGrants revokedGrants, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.revokedGrants = Objects.requireNonNull(revokedGrants, "revokedGrants");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A verified access token.
   *
   * @param subject user id, or {@code client-<id>} for client_credentials
   * @param audience the {@code aud} values
   * @param scopes the granted scopes (empty for client_credentials)
   * @param claims every claim, as JSON values
   */
  public record AccessToken(
      String subject,
      String clientId,
      List<String> audience,
      List<String> scopes,
      Instant issuedAt,
      Instant expiresAt,
      Map<String, Object> claims) {
    public AccessToken {
      audience = List.copyOf(audience);
      scopes = List.copyOf(scopes);
      claims = Map.copyOf(claims);
    }

    /** Whether the token was issued by client_credentials (no user). */
    public boolean isClientToken() {
      return subject.equals("client-" + clientId);
    }
  }

  /** The token's claims if it is a valid, unexpired access token of this issuer. */
  public Optional<AccessToken> verify(String token) {
    if (token == null || token.isBlank() || !isAccessTokenType(token)) {
      return Optional.empty();
    }
    Optional<Map<String, Object>> verified = keys.get().verify(token);
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> claims = verified.get();
    if (!settings.issuer().equals(claims.get("iss"))
        || !(claims.get("sub") instanceof String subject)
        || !(claims.get("client_id") instanceof String clientId)
        || !(claims.get("exp") instanceof Number exp)) {
      return Optional.empty();
    }
    Instant expiresAt = Instant.ofEpochSecond(exp.longValue());
    if (!clock.instant().isBefore(expiresAt)) {
      return Optional.empty();
    }
    if (claims.get("grant_id") instanceof String grantId && revokedGrants.isRevoked(grantId)) {
      return Optional.empty();
    }
    Instant issuedAt =
        claims.get("iat") instanceof Number iat ? Instant.ofEpochSecond(iat.longValue()) : null;
    String scope = claims.get("scope") instanceof String s ? s : "";
    return Optional.of(
        new AccessToken(
            subject,
            clientId,
            audience(claims.get("aud")),
            scope.isBlank() ? List.of() : List.of(scope.trim().split(" +")),
            issuedAt,
            expiresAt,
            claims));
  }

  private static boolean isAccessTokenType(String token) {
    try {
      var type = JWSObject.parse(token).getHeader().getType();
      if (type == null) {
        return false;
      }
      String value = type.getType().toLowerCase(Locale.ROOT);
      return value.equals("at+jwt") || value.equals("application/at+jwt");
    } catch (ParseException e) {
      return false;
    }
  }

  static List<String> audience(Object aud) {
    if (aud instanceof String s) {
      return List.of(s);
    }
    if (aud instanceof List<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }
}
