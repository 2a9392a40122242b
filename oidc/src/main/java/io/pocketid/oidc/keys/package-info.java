/**
 * Token signing keys: generation (RS256, ES256, EdDSA), Pocket ID-compatible encryption at rest,
 * the key ring that signs with the current key and publishes every key whose tokens may still be
 * alive, and rotation.
 */
package io.pocketid.oidc.keys;
