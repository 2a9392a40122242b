package io.pocketid.oidc.keys;

import java.util.Locale;

/** The JWS algorithms a signing key can use. */
public enum SigningAlgorithm {
  RS256("RS256"),
  ES256("ES256"),
  EDDSA("EdDSA");

  private final String jwsName;

  SigningAlgorithm(String jwsName) {
    this.jwsName = jwsName;
  }

  /** The {@code alg} header value. */
  public String jwsName() {
    return jwsName;
  }

  /**
   * Parses a JWS name case-insensitively ({@code RS256}, {@code ES256}, {@code EdDSA}).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static SigningAlgorithm parse(String name) {
    for (SigningAlgorithm alg : values()) {
      if (alg.jwsName.equalsIgnoreCase(name.trim())) {
        return alg;
      }
    }
    throw new IllegalArgumentException(
        "unsupported signing algorithm '"
            + name.toUpperCase(Locale.ROOT)
            + "' (use RS256, ES256 or EdDSA)");
  }
}
