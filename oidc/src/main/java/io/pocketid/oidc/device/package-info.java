/**
 * The OAuth 2.0 Device Authorization Grant (RFC 8628): the device authorization request, user
 * codes, and the signed-in user's approval or denial. Polling is in {@link
 * io.pocketid.oidc.grant.TokenService#deviceCode}.
 *
 * <p>What this package does not do: rate-limit user-code entry (RFC 8628 §5.1; the HTTP layer
 * must), render the {@code /device} page, or clean up expired device codes (a job calls {@code
 * DeviceCodeStore.deleteExpired}).
 */
package io.pocketid.oidc.device;
