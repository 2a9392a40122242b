package io.pocketid.webauthn;

import java.time.Instant;
import java.util.Objects;

/**
 * A started ceremony.
 *
 * @param id opaque id the browser presents when finishing (Pocket ID keeps it in a short-lived
 *     cookie)
 * @param optionsJson the bare {@code PublicKeyCredentialCreationOptions} or {@code
 *     PublicKeyCredentialRequestOptions} JSON for the browser (binary values base64url-encoded)
 * @param expiresAt when the ceremony times out
 */
public record Ceremony(String id, String optionsJson, Instant expiresAt) {
  public Ceremony {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(optionsJson, "optionsJson");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
