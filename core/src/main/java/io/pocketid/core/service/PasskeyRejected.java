package io.pocketid.core.service;

import java.util.Optional;

/**
 * A passkey ceremony that failed: a stable {@link #code()} (e.g. {@code UNKNOWN_CREDENTIAL}), a
 * message for the user, and the user it was about when that is known (for the audit log).
 */
public final class PasskeyRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final transient String userId;
  private final boolean disabledUser;

  public PasskeyRejected(String code, String message, String userId, boolean disabledUser) {
    super(message);
    this.code = code;
    this.userId = userId;
    this.disabledUser = disabledUser;
  }

  public String code() {
    return code;
  }

  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** Whether it failed because the user is disabled (403 rather than 400). */
  public boolean disabledUser() {
    return disabledUser;
  }
}
