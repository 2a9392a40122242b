/**
 * Request authentication for the HTTP layer: cookies, the session or API key behind a request, the
 * client address (proxy headers only with TRUST_PROXY), cross-site request refusal, CSRF tokens for
 * forms, and per-address rate limits on sign-in paths.
 *
 * <p>What this package does not do: decide what a user may do (services) or verify passkeys
 * (webauthn).
 */
package io.pocketid.server.internal.auth;
