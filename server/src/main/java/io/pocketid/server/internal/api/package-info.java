/**
 * The JSON endpoints of the passkey and account work: WebAuthn ceremonies, sessions, the user's own
 * account and login codes, with Pocket ID's paths and field names. Handlers parse, call one
 * service, and render; rules live in core and webauthn.
 */
package io.pocketid.server.internal.api;
