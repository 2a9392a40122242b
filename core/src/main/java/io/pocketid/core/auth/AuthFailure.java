package io.pocketid.core.auth;

import java.util.Objects;

/** A refused authentication, with the reason callers map to a status and a message. */
public class AuthFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why authentication was refused. */
  public enum Reason {
    /**
     * The token or code is unknown, used or expired (Pocket ID: 400 "Token is invalid or expired").
     */
    INVALID_TOKEN("Token is invalid or expired"),
    /** The user is disabled (Pocket ID: 403 "User account is disabled"). */
    DISABLED_USER("User account is disabled"),
    /** The request is not valid, e.g. a lifetime out of range. */
    BAD_REQUEST("Invalid request");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  private final Reason reason;

  public AuthFailure(Reason reason) {
    this(reason, reason.message());
  }

  public AuthFailure(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
