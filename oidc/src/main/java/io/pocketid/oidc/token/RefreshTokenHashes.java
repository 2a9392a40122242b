package io.pocketid.oidc.token;

import io.pocketid.core.security.TokenHasher;
import io.pocketid.oidc.keys.KeyRing;
import java.util.Map;
import java.util.Optional;

/**
 * The stored hash of a presented refresh token. Ours are opaque random strings stored as their
 * SHA-256. Pocket ID v1.15's are JWTs ({@code type=refresh-token}) carrying the random value in an
 * {@code rt} claim and storing {@code sha256(rt)}; such a token, when signed by a key of the ring
 * and issued by this issuer, is looked up by that hash, so imported refresh tokens keep working.
 */
public final class RefreshTokenHashes {
  private RefreshTokenHashes() {}

  public static String hashOf(String token, KeyRing ring, String issuer) {
    if (token.chars().filter(c -> c == '.').count() == 2) {
      Optional<Map<String, Object>> jwt = ring.verify(token);
      if (jwt.isPresent()
          && "refresh-token".equals(jwt.get().get("type"))
          && issuer.equals(jwt.get().get("iss"))
          && jwt.get().get("rt") instanceof String rt) {
        return TokenHasher.hash(rt);
      }
    }
    return TokenHasher.hash(token);
  }
}
