/**
 * Internal: the OpenID Connect handlers: the protocol endpoints (discovery, JWKS, token, userinfo,
 * introspection, revocation, device authorization, PAR), {@code /authorize} and its JSON API,
 * end-session and the {@code /device} page. Each parses, calls the oidc module once, renders.
 */
package io.pocketid.server.internal.oidc;
