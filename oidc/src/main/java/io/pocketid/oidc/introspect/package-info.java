/**
 * Token introspection (RFC 7662) and revocation (RFC 7009).
 *
 * <p>What this package does not do: JWT-secured introspection responses (RFC 9701), introspection
 * by bearer-token-authenticated resource servers (callers authenticate as clients), or revoking
 * access tokens (self-contained JWTs; a revocation request for one is accepted and has no effect).
 */
package io.pocketid.oidc.introspect;
