/**
 * Token signing keys: generation (RS256, ES256, EdDSA), Pocket ID-compatible encryption at rest,
 * the key ring that signs with the current key and publishes every key whose tokens may still be
 * alive, and {@link io.pocketid.oidc.keys.KeyManager}: loading at start-up, rotation, retirement
 * and Pocket ID's key file or key row. File access goes through the {@link
 * io.pocketid.oidc.keys.KeyFiles} port, which the server implements; this package reads no
 * environment and touches no file itself.
 */
package io.pocketid.oidc.keys;
