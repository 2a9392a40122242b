/**
 * Internal: who is calling. The session or API key behind a request ({@link
 * io.pocketid.server.internal.auth.RequestAuth}), the one set of checks handlers use ({@link
 * io.pocketid.server.internal.auth.Access}: user, browser session, admin), the session cookie, the
 * client address (proxy headers only from trusted proxies), cross-site refusal for the JSON API,
 * and the rate limits on sign-in paths and client authentication.
 *
 * <p>What this package does not do: decide what a user may do with data (the services in core and
 * oidc) or verify passkeys (webauthn).
 */
package io.pocketid.server.internal.auth;
