/**
 * The OpenID Connect / OAuth 2.0 protocol, HTTP-agnostic: parameters in, response objects out.
 *
 * <p>Built on the Nimbus SDK, whose mutable types do not appear in this module's public API.
 *
 * <p>What this package does not do: HTTP parsing and rendering (the {@code server} module), and
 * persistence (callers store what the protocol methods return).
 */
package io.pocketid.oidc;
