package io.pocketid.oidc;

import java.util.Objects;

/**
 * A protocol error as data (RFC 6749 §4.1.2.1 / §5.2, OIDC Core §3.1.2.6): rendered one way
 * everywhere by the HTTP layer.
 *
 * @param code the error code, e.g. {@code invalid_request}
 * @param description a human-readable description (never contains secrets)
 */
public record OAuthError(String code, String description) {
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String INVALID_CLIENT = "invalid_client";
  public static final String INVALID_GRANT = "invalid_grant";
  public static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
  public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
  public static final String UNSUPPORTED_RESPONSE_TYPE = "unsupported_response_type";
  public static final String INVALID_SCOPE = "invalid_scope";
  public static final String ACCESS_DENIED = "access_denied";
  public static final String SERVER_ERROR = "server_error";
  public static final String LOGIN_REQUIRED = "login_required";
  public static final String CONSENT_REQUIRED = "consent_required";
  public static final String INTERACTION_REQUIRED = "interaction_required";
  public static final String REQUEST_NOT_SUPPORTED = "request_not_supported";
  public static final String REQUEST_URI_NOT_SUPPORTED = "request_uri_not_supported";
  public static final String REGISTRATION_NOT_SUPPORTED = "registration_not_supported";
  public static final String INVALID_REQUEST_URI = "invalid_request_uri";
  public static final String INVALID_TOKEN = "invalid_token";
  public static final String INVALID_TARGET = "invalid_target";
  public static final String AUTHORIZATION_PENDING = "authorization_pending";
  public static final String SLOW_DOWN = "slow_down";
  public static final String EXPIRED_TOKEN = "expired_token";

  public OAuthError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(description, "description");
  }

  public static OAuthError invalidRequest(String description) {
    return new OAuthError(INVALID_REQUEST, description);
  }

  public static OAuthError invalidGrant(String description) {
    return new OAuthError(INVALID_GRANT, description);
  }

  public static OAuthError invalidClient(String description) {
    return new OAuthError(INVALID_CLIENT, description);
  }
}
