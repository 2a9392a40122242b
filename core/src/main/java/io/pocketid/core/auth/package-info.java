/**
 * Authentication services: browser sessions, login codes, reauthentication tokens and API keys.
 *
 * <p>Every secret handed out here is random, returned once in plain form and stored only as a hash.
 * Services read and write through the storage SPI and take a {@link java.time.Clock}.
 *
 * <p>What this package does not do: cookies, headers, rate limits (the HTTP layer) and passkey
 * verification (the {@code webauthn} module).
 */
package io.pocketid.core.auth;
