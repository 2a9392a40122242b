/**
 * Provider metadata: OpenID Connect Discovery 1.0 and RFC 8414.
 *
 * <p>What this package does not do: serve the documents over HTTP or publish the JWKS (see {@link
 * io.pocketid.oidc.keys.KeyRing#jwksJson()}).
 */
package io.pocketid.oidc.discovery;
