package io.pocketid.core.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A WebAuthn credential (Pocket ID: {@code webauthn_credentials}).
 *
 * @param id UUID
 * @param createdAt creation time
 * @param name user-chosen name
 * @param credentialId raw credential id bytes (unique)
 * @param publicKeyCose COSE-encoded public key
 * @param attestationType e.g. {@code none}
 * @param transports e.g. {@code internal}, {@code hybrid}
 * @param userId owner
 * @param backupEligible BE flag
 * @param backupState BS flag
 * @param aaguid authenticator model id (16 bytes), nullable
 * @param signCount last seen signature counter
 * @param lastUsedAt nullable
 */
public record Passkey(
    String id,
    Instant createdAt,
    String name,
    byte[] credentialId,
    byte[] publicKeyCose,
    String attestationType,
    List<String> transports,
    String userId,
    boolean backupEligible,
    boolean backupState,
    byte[] aaguid,
    long signCount,
    Instant lastUsedAt) {
  public Passkey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(name, "name");
    credentialId = Objects.requireNonNull(credentialId, "credentialId").clone();
    publicKeyCose = Objects.requireNonNull(publicKeyCose, "publicKeyCose").clone();
    Objects.requireNonNull(attestationType, "attestationType");
    transports = List.copyOf(transports);
    Objects.requireNonNull(userId, "userId");
    aaguid = aaguid == null ? null : aaguid.clone();
  }

  @Override
  public byte[] credentialId() {
    return credentialId.clone();
  }

  @Override
  public byte[] publicKeyCose() {
    return publicKeyCose.clone();
  }

  @Override
  public byte[] aaguid() {
    return aaguid == null ? null : aaguid.clone();
  }

  public Passkey withName(String newName) {
    return new Passkey(
        id,
        createdAt,
        newName,
        credentialId,
        publicKeyCose,
        attestationType,
        transports,
        userId,
        backupEligible,
        backupState,
        aaguid,
        signCount,
        lastUsedAt);
  }

  public Passkey afterAssertion(
      long newSignCount, boolean newBackupEligible, boolean newBackupState, Instant usedAt) {
    return new Passkey(
        id,
        createdAt,
        name,
        credentialId,
        publicKeyCose,
        attestationType,
        transports,
        userId,
        newBackupEligible,
        newBackupState,
        aaguid,
        newSignCount,
        usedAt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Passkey p
        && id.equals(p.id)
        && createdAt.equals(p.createdAt)
        && name.equals(p.name)
        && Arrays.equals(credentialId, p.credentialId)
        && Arrays.equals(publicKeyCose, p.publicKeyCose)
        && attestationType.equals(p.attestationType)
        && transports.equals(p.transports)
        && userId.equals(p.userId)
        && backupEligible == p.backupEligible
        && backupState == p.backupState
        && Arrays.equals(aaguid, p.aaguid)
        && signCount == p.signCount
        && Objects.equals(lastUsedAt, p.lastUsedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, Arrays.hashCode(credentialId));
  }

  @Override
  public String toString() {
    return "Passkey[id=" + id + ", name=" + name + ", userId=" + userId + "]";
  }
}
