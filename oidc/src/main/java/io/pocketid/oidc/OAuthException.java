package io.pocketid.oidc;

import java.util.Objects;
import java.util.Optional;

/**
 * A protocol request that ended in an {@link OAuthError}, with what the HTTP layer needs to render
 * it: the status code and, where the specification asks for one, a {@code WWW-Authenticate} value
 * (RFC 6749 §5.2 for {@code invalid_client} after HTTP Basic, RFC 6750 §3 for bearer tokens).
 * Thrown at the ceremony boundaries (token, introspection, userinfo...); immutable.
 */
public final class OAuthException extends Exception {
  private static final long serialVersionUID = 1L;

  private final OAuthError error;
  private final int status;
  private final String wwwAuthenticate;

  public OAuthException(OAuthError error, int status, String wwwAuthenticate) {
    super(error.code() + ": " + error.description(), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
    this.status = status;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** A 400 error (RFC 6749 §5.2's default status). */
  public static OAuthException badRequest(OAuthError error) {
    return new OAuthException(error, 400, null);
  }

  public static OAuthException badRequest(String code, String description) {
    return badRequest(new OAuthError(code, description));
  }

  public OAuthError error() {
    return error;
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }

  /** The {@code WWW-Authenticate} header value to send, if any. */
  public Optional<String> wwwAuthenticate() {
    return Optional.ofNullable(wwwAuthenticate);
  }
}
