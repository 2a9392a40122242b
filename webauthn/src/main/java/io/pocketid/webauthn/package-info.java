/**
 * Passkeys: WebAuthn registration and discoverable sign-in on Yubico java-webauthn-server.
 *
 * <p>Entry point: {@link io.pocketid.webauthn.PasskeyCeremonies}. A ceremony has two halves: a
 * {@code start...} call that stores a challenge through the storage SPI and returns the options the
 * browser needs, and a {@code finish...} call that consumes the challenge (once, on any instance)
 * and verifies the browser's response. Every failure is a {@link
 * io.pocketid.webauthn.PasskeyCeremonyException} carrying a {@link
 * io.pocketid.webauthn.CeremonyFailure} the UI can show.
 *
 * <p>Rules enforced on the server, whatever the browser was asked: user verification is required,
 * the origin must be one of the configured origins, the RP ID hash must match, a challenge is used
 * once and expires, a signature counter that goes backwards refuses the sign-in, and a disabled
 * user cannot sign in.
 *
 * <p>What this package does not do: sessions, cookies, HTTP, audit logging (callers audit the
 * results and failures it returns), attestation trust (attestation {@code none} is accepted, as in
 * Pocket ID).
 */
package io.pocketid.webauthn;
