/**
 * Immutable domain records for every aggregate Pocket ID stores.
 *
 * <p>Conventions: identifiers are strings (UUID v4 unless a client chose its own id); timestamps
 * are {@link java.time.Instant}s that the storage layer keeps to at least millisecond precision;
 * nullable fields are named in each record's documentation and every other field is never null;
 * collections are unmodifiable copies. Secret values (tokens, codes, API keys, session ids) never
 * appear here in plain form: records carry a {@code ...Hash} made by {@link
 * io.pocketid.core.security.TokenHasher}.
 *
 * <p>What this package does not do: no validation of business rules beyond non-null checks (that is
 * the services' job), no persistence.
 */
package io.pocketid.core.model;
