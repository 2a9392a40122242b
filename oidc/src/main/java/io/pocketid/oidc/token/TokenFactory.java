package io.pocketid.oidc.token;

import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Mints signed tokens: ID tokens (OIDC Core §2), access tokens as RFC 9068 JWTs, and back-channel
 * logout tokens (OIDC Back-Channel Logout §2.4). One signature per token; no storage.
 */
public final class TokenFactory {
  private final OidcSettings settings;
  private final Supplier<KeyRing> keys;
  private final Clock clock;

  /**
   * @param keys the current key ring, read at each call (so a rotation takes effect at once)
   */
  public TokenFactory(OidcSettings settings, Supplier<KeyRing> keys, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A signed token and when it expires. */
  public record Minted(String token, String jti, Instant issuedAt, Instant expiresAt) {}

  /**
   * An RFC 9068 access token ({@code typ: at+jwt}).
   *
   * @param subject the user id, or {@code client-<id>} for client_credentials (as Pocket ID)
   * @param audience the resource the token is for (the client id unless a resource was asked for)
   * @param authTime nullable for client_credentials
   */
  public Minted accessToken(
      String subject, String clientId, String scope, String audience, Instant authTime) {
    return accessToken(subject, clientId, scope, audience, authTime, null);
  }

  /**
   * An RFC 9068 access token that names the grant it came from in a {@code grant_id} claim (see
   * {@link RevokedGrants}).
   *
   * @param grantId the refresh-token family of the grant, nullable
   */
  public Minted accessToken(
      String subject,
      String clientId,
      String scope,
      String audience,
      Instant authTime,
      String grantId) {
    Instant now = now();
    Instant exp = now.plus(settings.accessTokenLifetime());
    String jti = UUID.randomUUID().toString();
    Map<String, Object> claims =
        accessTokenClaims(subject, clientId, scope, audience, authTime, grantId, now, jti);
    return new Minted(keys.get().sign(claims, "at+jwt"), jti, now, exp);
  }

  /**
   * The claims of an access token as {@link #accessToken} would sign them now, for the admin's
   * preview: nothing is signed or stored.
   */
  public Map<String, Object> previewAccessToken(
      String subject, String clientId, String scope, Instant authTime) {
    return accessTokenClaims(
        subject, clientId, scope, clientId, authTime, null, now(), UUID.randomUUID().toString());
  }

  private Map<String, Object> accessTokenClaims(
      String subject,
      String clientId,
      String scope,
      String audience,
      Instant authTime,
      String grantId,
      Instant now,
      String jti) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", settings.issuer());
    claims.put("sub", subject);
    claims.put("aud", audience);
    claims.put("exp", now.plus(settings.accessTokenLifetime()).getEpochSecond());
    claims.put("iat", now.getEpochSecond());
    claims.put("jti", jti);
    claims.put("client_id", clientId);
    claims.put("scope", scope);
    if (authTime != null) {
      claims.put("auth_time", authTime.getEpochSecond());
    }
    if (grantId != null) {
      claims.put("grant_id", grantId);
    }
    return claims;
  }

  /**
   * The claims of an ID token as {@link #idToken} would sign them now (without {@code nonce},
   * {@code sid} and {@code at_hash}, which depend on the request), for the admin's preview.
   */
  public Map<String, Object> previewIdToken(
      Map<String, Object> userClaims, String clientId, Instant authTime, List<String> amr) {
    Map<String, Object> claims =
        idTokenClaims(userClaims, clientId, now(), authTime, null, null, amr);
    claims.put("jti", UUID.randomUUID().toString());
    return claims;
  }

  private Map<String, Object> idTokenClaims(
      Map<String, Object> userClaims,
      String clientId,
      Instant now,
      Instant authTime,
      String nonce,
      String sessionId,
      List<String> amr) {
    Map<String, Object> claims = new LinkedHashMap<>(userClaims);
    claims.put("iss", settings.issuer());
    claims.put("aud", clientId);
    claims.put("azp", clientId);
    claims.put("exp", now.plus(settings.idTokenLifetime()).getEpochSecond());
    claims.put("iat", now.getEpochSecond());
    claims.put("auth_time", authTime.getEpochSecond());
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    if (sessionId != null) {
      claims.put("sid", sessionId);
    }
    if (!amr.isEmpty()) {
      claims.put("amr", List.copyOf(amr));
    }
    return claims;
  }

  /**
   * An ID token.
   *
   * @param userClaims {@code sub} and the claims the granted scopes allow (see {@link UserClaims})
   * @param nonce nullable (absent in refresh and device grants)
   * @param sessionId the browser session, for {@code sid}; nullable
   * @param amr authentication methods, e.g. {@code ["hwk", "user"]} for a passkey; may be empty
   * @param accessToken the access token issued with it, for {@code at_hash}; nullable
   */
  public Minted idToken(
      Map<String, Object> userClaims,
      String clientId,
      String nonce,
      Instant authTime,
      String sessionId,
      List<String> amr,
      String accessToken) {
    Instant now = now();
    Instant exp = now.plus(settings.idTokenLifetime());
    Map<String, Object> claims =
        idTokenClaims(userClaims, clientId, now, authTime, nonce, sessionId, amr);
    KeyRing ring = keys.get();
    if (accessToken != null) {
      claims.put("at_hash", tokenHash(accessToken, ring.currentAlgorithm()));
    }
    String jti = UUID.randomUUID().toString();
    claims.put("jti", jti);
    return new Minted(ring.sign(claims, "JWT"), jti, now, exp);
  }

  /** A back-channel logout token for a client (no {@code nonce}, with the logout event). */
  public Minted logoutToken(String subject, String sessionId, String clientId) {
    Instant now = now();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", settings.issuer());
    claims.put("aud", clientId);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plusSeconds(120).getEpochSecond());
    String jti = UUID.randomUUID().toString();
    claims.put("jti", jti);
    if (subject != null) {
      claims.put("sub", subject);
    }
    if (sessionId != null) {
      claims.put("sid", sessionId);
    }
    claims.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
    return new Minted(keys.get().sign(claims, "logout+jwt"), jti, now, now.plusSeconds(120));
  }

  /**
   * OIDC Core §3.1.3.6 {@code at_hash}: the left half of the hash of the token's ASCII octets,
   * base64url. SHA-256 for RS256/ES256; SHA-512 for EdDSA with Ed25519 (OIDC Core errata).
   */
  static String tokenHash(String token, String algorithm) {
    try {
      MessageDigest digest =
          MessageDigest.getInstance(algorithm.equals("EdDSA") ? "SHA-512" : "SHA-256");
      byte[] hash = digest.digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Arrays.copyOf(hash, hash.length / 2));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
