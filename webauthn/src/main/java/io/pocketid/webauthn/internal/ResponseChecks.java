package io.pocketid.webauthn.internal;

import com.yubico.webauthn.data.AuthenticatorData;
import com.yubico.webauthn.data.AuthenticatorResponse;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.CollectedClientData;
import io.pocketid.webauthn.CeremonyFailure;
import io.pocketid.webauthn.PasskeyCeremonyException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The checks that give a precise reason before the library's full verification runs, one method per
 * WebAuthn clause (Level 2, §7.1 registration and §7.2 assertion steps).
 */
public final class ResponseChecks {
  private final byte[] rpIdHash;
  private final List<String> origins;

  public ResponseChecks(String rpId, List<String> origins) {
    this.rpIdHash = sha256(rpId.getBytes(StandardCharsets.UTF_8));
    this.origins = List.copyOf(origins);
  }

  /** Runs every check in order; the first one that fails decides the reason. */
  public void check(
      AuthenticatorResponse response,
      String expectedType,
      ByteArray expectedChallenge,
      String userId)
      throws PasskeyCeremonyException {
    CollectedClientData clientData = response.getClientData();
    checkType(clientData, expectedType, userId);
    checkChallenge(clientData, expectedChallenge, userId);
    checkOrigin(clientData, userId);
    AuthenticatorData authData = response.getParsedAuthenticatorData();
    checkRpIdHash(authData, userId);
    checkUserPresentAndVerified(authData, userId);
  }

  /** §7.2 step 11: {@code C.type} is {@code webauthn.create} or {@code webauthn.get}. */
  void checkType(CollectedClientData clientData, String expectedType, String userId)
      throws PasskeyCeremonyException {
    if (!expectedType.equals(clientData.getType())) {
      throw new PasskeyCeremonyException(
          CeremonyFailure.WRONG_TYPE, userId, "type " + clientData.getType());
    }
  }

  /** §7.2 step 12: {@code C.challenge} equals the challenge that was sent. */
  void checkChallenge(CollectedClientData clientData, ByteArray expected, String userId)
      throws PasskeyCeremonyException {
    if (!MessageDigest.isEqual(clientData.getChallenge().getBytes(), expected.getBytes())) {
      throw new PasskeyCeremonyException(CeremonyFailure.CHALLENGE_MISMATCH, userId, null);
    }
  }

  /** §7.2 step 13: {@code C.origin} is an origin this relying party accepts. */
  void checkOrigin(CollectedClientData clientData, String userId) throws PasskeyCeremonyException {
    if (!origins.contains(clientData.getOrigin())) {
      throw new PasskeyCeremonyException(
          CeremonyFailure.WRONG_ORIGIN, userId, "origin " + clientData.getOrigin());
    }
  }

  /** §7.2 step 15: {@code rpIdHash} is the SHA-256 of the RP ID. */
  void checkRpIdHash(AuthenticatorData authData, String userId) throws PasskeyCeremonyException {
    if (!MessageDigest.isEqual(authData.getRpIdHash().getBytes(), rpIdHash)) {
      throw new PasskeyCeremonyException(CeremonyFailure.WRONG_RP_ID, userId, null);
    }
  }

  /** §7.2 steps 16–17: UP is set, and UV is set because user verification is required. */
  void checkUserPresentAndVerified(AuthenticatorData authData, String userId)
      throws PasskeyCeremonyException {
    if (!authData.getFlags().UP) {
      throw new PasskeyCeremonyException(CeremonyFailure.USER_PRESENCE_MISSING, userId, null);
    }
    if (!authData.getFlags().UV) {
      throw new PasskeyCeremonyException(CeremonyFailure.USER_VERIFICATION_MISSING, userId, null);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
