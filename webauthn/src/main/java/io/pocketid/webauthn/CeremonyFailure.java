package io.pocketid.webauthn;

/** Why a passkey ceremony failed, with a message a person can act on. */
public enum CeremonyFailure {
  CHALLENGE_EXPIRED_OR_USED("Sign-in timed out or was already used, try again."),
  MALFORMED_RESPONSE("The browser sent a passkey response that could not be read."),
  WRONG_TYPE("The browser sent a response for another kind of passkey request."),
  CHALLENGE_MISMATCH("The passkey response does not answer this request, try again."),
  WRONG_ORIGIN("The passkey request came from a site this server does not accept."),
  WRONG_RP_ID("This passkey belongs to another site."),
  USER_PRESENCE_MISSING("The authenticator did not confirm that you were present."),
  USER_VERIFICATION_MISSING(
      "Your authenticator did not verify you (PIN or biometrics); user verification is required."),
  UNKNOWN_CREDENTIAL("This passkey is not registered here."),
  ALREADY_REGISTERED("This passkey is already registered."),
  USER_MISMATCH("This passkey request belongs to another user."),
  COUNTER_REGRESSION(
      "This passkey's signature counter went backwards, so it may have been copied; sign-in was"
          + " refused."),
  DISABLED_USER("User account is disabled"),
  VERIFICATION_FAILED("The passkey could not be verified.");

  private final String message;

  CeremonyFailure(String message) {
    this.message = message;
  }

  /** A message for the person signing in. */
  public String message() {
    return message;
  }
}
