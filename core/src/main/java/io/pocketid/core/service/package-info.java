/**
 * Services: the business rules on top of the storage SPI. Services take plain Java values, apply
 * the rules of Pocket ID v1.15, persist through {@link io.pocketid.core.store.Storage} and return
 * domain values. They know nothing about HTTP.
 *
 * <p>Failures a caller can act on are {@link io.pocketid.core.service.ServiceException}s carrying a
 * {@link io.pocketid.core.service.ServiceError} and a human-readable message in Pocket ID's
 * wording.
 *
 * <p>What this package does not do: sessions and login codes ({@code io.pocketid.core.auth}),
 * passkeys (the {@code webauthn} module); signup defaults (default groups and custom claims) are
 * not applied yet.
 */
package io.pocketid.core.service;
