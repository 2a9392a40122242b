/**
 * RP-Initiated Logout 1.0 decisions and OpenID Connect Back-Channel Logout 1.0 notifications.
 *
 * <p>What this package does not do: end browser sessions or clear cookies (the caller does, then
 * asks for {@link io.pocketid.oidc.logout.EndSessionService#backchannelDeliveries}); front-channel
 * logout or session management iframes; retries of failed back-channel deliveries; revoking refresh
 * tokens at logout.
 */
package io.pocketid.oidc.logout;
