package io.pocketid.oidc.client;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client secrets hashed with bcrypt, cost 10, {@code $2a$} — the format Pocket ID (Go's {@code
 * golang.org/x/crypto/bcrypt}) writes, so imported hashes verify. Thread-safe.
 */
public final class ClientSecrets {
  static final int COST = 10;

  /**
   * A hash no secret matches in practice, compared against when the client is unknown or has no
   * secret, so the answer takes as long as for a known client (no timing oracle for client ids).
   */
  private final String dummyHash;

  public ClientSecrets() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    this.dummyHash = hash(Base64.getEncoder().encodeToString(random));
  }

  /** A {@code $2a$10$} hash of the secret. */
  public static String hash(String secret) {
    return BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(COST, secret.toCharArray());
  }

  /**
   * Whether {@code secret} matches {@code hash}. A null hash (or a malformed one) is compared
   * against a dummy hash and never matches; secrets longer than bcrypt's 72 bytes never match.
   */
  public boolean verify(String secret, String hash) {
    boolean usable = hash != null && hash.startsWith("$2");
    String against = usable ? hash : dummyHash;
    boolean ok = check(secret == null ? "" : secret, against);
    return usable && ok;
  }

  private static boolean check(String secret, String hash) {
    if (secret.getBytes(StandardCharsets.UTF_8).length > 72) {
      check("", hash); // spend the same time
      return false;
    }
    try {
      return BCrypt.verifyer().verify(secret.toCharArray(), hash.toCharArray()).verified;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
