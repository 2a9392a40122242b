/**
 * Client authentication at back-channel endpoints (RFC 6749 §2.3): HTTP Basic with RFC 6749 §2.3.1
 * decoding, {@code client_secret_post}, {@code none} for public clients, and RFC 7523 client
 * assertions from a client's federated identities, whose JWK sets are fetched through {@link
 * io.pocketid.oidc.client.JwksFetcher} and cached by {@link io.pocketid.oidc.client.JwksCache}.
 * Secrets are stored as SHA-256 ({@code $sha256$}); bcrypt hashes ({@code $2a$10$}, Pocket ID's
 * format) still verify and are upgraded in place on their first successful use.
 *
 * <p>What this package does not do: {@code client_secret_jwt}, {@code private_key_jwt} with keys
 * registered on the client itself (only federated identities' keys), mTLS client authentication, or
 * a replay registry shared between instances ({@link io.pocketid.oidc.client.InMemoryJtiRegistry}
 * is per process). It does not rate-limit failed attempts; the HTTP layer does.
 */
package io.pocketid.oidc.client;
