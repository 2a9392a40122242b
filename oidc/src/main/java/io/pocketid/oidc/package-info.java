/**
 * The OpenID Connect / OAuth 2.0 protocol, HTTP-agnostic: parameters in, response objects out.
 *
 * <p>Built on Nimbus JOSE+JWT (signing, verification, JWKS), whose types do not appear in this
 * module's public API; the protocol rules are written against the specifications, not on an OAuth
 * SDK. {@link io.pocketid.oidc.provider.OidcProvider} is the whole provider as one object.
 *
 * <p>What this package does not do: HTTP parsing and rendering (the {@code server} module), and
 * persistence (callers store what the protocol methods return).
 */
package io.pocketid.oidc;
