package io.pocketid.webauthn;

import java.util.Objects;
import java.util.Optional;

/** A passkey ceremony failed; {@link #failure()} says why. */
public class PasskeyCeremonyException extends Exception {
  private static final long serialVersionUID = 1L;
  private final CeremonyFailure failure;
  private final String userId;

  public PasskeyCeremonyException(CeremonyFailure failure, String userId, String detail) {
    super(detail == null ? failure.message() : failure.message() + " (" + detail + ")");
    this.failure = Objects.requireNonNull(failure, "failure");
    this.userId = userId;
  }

  public PasskeyCeremonyException(CeremonyFailure failure) {
    this(failure, null, null);
  }

  public CeremonyFailure failure() {
    return failure;
  }

  /** The user the failed ceremony concerned, when known (for the audit log). */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }
}
