/**
 * Internal: the signing keys of this server: Pocket ID's key file or key row, the history of
 * retired keys, rotation by {@code pocket-id key-rotate}. Loaded when the server is wired.
 */
package io.pocketid.server.internal.keys;
