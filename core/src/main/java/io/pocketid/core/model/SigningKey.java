package io.pocketid.core.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A token signing key with its history, so rotation never logs anybody out.
 *
 * @param kid key id published in the JWKS
 * @param algorithm JWS algorithm, e.g. {@code RS256}
 * @param privateJwk the private key as JWK JSON, possibly encrypted (see {@code encrypted})
 * @param encrypted whether {@code privateJwk} is encrypted with ENCRYPTION_KEY
 * @param createdAt creation time
 * @param activeFrom from when the key signs new tokens
 * @param retiredAt when it stopped signing, nullable while it is the current key
 * @param publishUntil after this it is dropped from the JWKS, nullable while current
 */
public record SigningKey(
    String kid,
    String algorithm,
    byte[] privateJwk,
    boolean encrypted,
    Instant createdAt,
    Instant activeFrom,
    Instant retiredAt,
    Instant publishUntil) {
  public SigningKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(algorithm, "algorithm");
    privateJwk = Objects.requireNonNull(privateJwk, "privateJwk").clone();
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(activeFrom, "activeFrom");
  }

  @Override
  public byte[] privateJwk() {
    return privateJwk.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k
        && kid.equals(k.kid)
        && algorithm.equals(k.algorithm)
        && Arrays.equals(privateJwk, k.privateJwk)
        && encrypted == k.encrypted
        && createdAt.equals(k.createdAt)
        && activeFrom.equals(k.activeFrom)
        && Objects.equals(retiredAt, k.retiredAt)
        && Objects.equals(publishUntil, k.publishUntil);
  }

  @Override
  public int hashCode() {
    return kid.hashCode();
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + "]";
  }
}
