/**
 * The OAuth 2.0 Device Authorization Grant (RFC 8628): the device authorization request, user
 * codes, and the signed-in user's approval or denial ({@link
 * io.pocketid.oidc.device.DeviceDecisions}, audited). Polling is in {@link
 * io.pocketid.oidc.grant.TokenService#deviceCode}; expired device codes are deleted by core's
 * cleanup job.
 *
 * <p>What this package does not do: rate-limit user-code entry (RFC 8628 §5.1; the {@code /device}
 * page does, per address) or render that page.
 */
package io.pocketid.oidc.device;
