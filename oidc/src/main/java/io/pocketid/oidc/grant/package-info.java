/**
 * The token endpoint's grants: {@code authorization_code} (single use, reuse revokes the tokens
 * issued from the code), {@code refresh_token} (rotation with reuse detection), {@code
 * client_credentials} and the RFC 8628 device code. {@link io.pocketid.oidc.grant.TokenService}
 * takes form parameters and returns a {@link io.pocketid.oidc.grant.TokenResponse} or throws an
 * {@link io.pocketid.oidc.OAuthException}.
 *
 * <p>What this package does not do: the password and implicit grants (RFC 9700 forbids them), token
 * exchange (RFC 8693), DPoP or mTLS sender-constrained tokens, refresh tokens for
 * client_credentials, or revoking access tokens already issued (they are JWTs that live until they
 * expire). It does not render HTTP: the caller adds {@code Cache-Control: no-store}.
 */
package io.pocketid.oidc.grant;
