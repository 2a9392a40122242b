/** Internal: the adapter between the WebAuthn library and the passkey store. */
package io.pocketid.webauthn.internal;
