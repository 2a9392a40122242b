package io.pocketid.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The mark a redeemed authorization code leaves behind, so that presenting the code again can
 * revoke what it was redeemed for (RFC 6749 §4.1.2, RFC 9700 §4.2.1).
 *
 * @param codeHash the key the protocol code looks the mark up by (derived from the code's hash)
 * @param grantId the grant the code was redeemed for (the refresh-token family id)
 * @param expiresAt after this the mark is no longer needed and may be deleted
 */
public record UsedCode(String codeHash, String grantId, Instant expiresAt) {
  public UsedCode {
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
