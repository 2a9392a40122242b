package io.pocketid.oidc.authorize;

import io.pocketid.oidc.OAuthError;
import java.util.Objects;

/** The outcome of validating an authorization request. */
public sealed interface AuthorizationValidation {
  /** The request is valid. */
  record Valid(AuthorizationRequest request) implements AuthorizationValidation {
    public Valid {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * The client or redirect URI cannot be trusted: show an error page, never redirect (RFC 6749
   * §4.1.2.1).
   */
  record ErrorPage(OAuthError error) implements AuthorizationValidation {
    public ErrorPage {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Send the error back to the client at {@code redirectUri} with {@code state} and {@code iss}.
   *
   * @param state nullable
   */
  record ErrorRedirect(String redirectUri, String responseMode, String state, OAuthError error)
      implements AuthorizationValidation {
    public ErrorRedirect {
      Objects.requireNonNull(redirectUri, "redirectUri");
      Objects.requireNonNull(responseMode, "responseMode");
      Objects.requireNonNull(error, "error");
    }
  }
}
