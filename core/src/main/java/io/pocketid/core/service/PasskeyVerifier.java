package io.pocketid.core.service;

import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;

/**
 * The WebAuthn ceremonies the services need, implemented by the {@code webauthn} module (core knows
 * no WebAuthn library). Both methods consume the ceremony: a second call with the same id fails.
 */
public interface PasskeyVerifier {
  /** Who signed in and with which passkey. */
  record Verified(User user, Passkey passkey) {}

  /**
   * Verifies an assertion for the ceremony {@code ceremonyId}.
   *
   * @throws PasskeyRejected when the assertion, the ceremony or the user is not acceptable
   */
  Verified verifyAssertion(String ceremonyId, String responseJson);

  /**
   * Verifies an attestation and stores the new passkey for {@code user}.
   *
   * @throws PasskeyRejected when it is not acceptable
   */
  Passkey register(String ceremonyId, User user, String responseJson);
}
