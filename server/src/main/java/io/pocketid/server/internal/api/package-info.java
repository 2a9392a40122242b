/**
 * Internal: the JSON API handlers with Pocket ID's paths and field names: WebAuthn ceremonies,
 * sign-out, reauthentication, the user's own account and login codes, first-run setup, and client
 * administration. Each parses, calls one service (core, oidc or webauthn), renders.
 */
package io.pocketid.server.internal.api;
