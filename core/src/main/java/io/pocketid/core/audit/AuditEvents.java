package io.pocketid.core.audit;

/** Audit event names: Pocket ID v1.15's, plus the ones it lacks. */
public final class AuditEvents {
  private AuditEvents() {}

  // Pocket ID v1.15
  public static final String SIGN_IN = "SIGN_IN";
  public static final String TOKEN_SIGN_IN = "TOKEN_SIGN_IN";
  public static final String ACCOUNT_CREATED = "ACCOUNT_CREATED";
  public static final String CLIENT_AUTHORIZATION = "CLIENT_AUTHORIZATION";
  public static final String NEW_CLIENT_AUTHORIZATION = "NEW_CLIENT_AUTHORIZATION";
  public static final String DEVICE_CODE_AUTHORIZATION = "DEVICE_CODE_AUTHORIZATION";
  public static final String NEW_DEVICE_CODE_AUTHORIZATION = "NEW_DEVICE_CODE_AUTHORIZATION";

  // Added here (Pocket ID v1.16 has the passkey events under these names)
  public static final String SIGN_IN_FAILED = "SIGN_IN_FAILED";
  public static final String SIGN_OUT = "SIGN_OUT";
  public static final String PASSKEY_ADDED = "PASSKEY_ADDED";
  public static final String PASSKEY_RENAMED = "PASSKEY_RENAMED";
  public static final String PASSKEY_REMOVED = "PASSKEY_REMOVED";
  public static final String TOKEN_REVOKED = "TOKEN_REVOKED";
  public static final String LOGOUT = "LOGOUT";
}
