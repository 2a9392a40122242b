package io.pocketid.oidc.grant;

import io.pocketid.oidc.OAuthError;
import io.pocketid.oidc.OAuthException;

/**
 * The result of a grant's unit of work: tokens or an error. Errors are returned, not thrown, so
 * that what the unit of work did before failing (a consumed code, a revoked family) is committed.
 */
record Outcome<T>(T value, OAuthError error) {
  static <T> Outcome<T> ok(T value) {
    return new Outcome<>(value, null);
  }

  static <T> Outcome<T> fail(String code, String description) {
    return new Outcome<>(null, new OAuthError(code, description));
  }

  /** The same error, or {@code f} applied to the value. */
  <R> Outcome<R> map(java.util.function.Function<T, R> f) {
    return error != null ? new Outcome<>(null, error) : new Outcome<>(f.apply(value), null);
  }

  T get() throws OAuthException {
    if (error != null) {
      throw OAuthException.badRequest(error);
    }
    return value;
  }
}
