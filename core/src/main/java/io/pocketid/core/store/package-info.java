/**
 * The storage SPI: one narrow interface per aggregate, grouped by {@link
 * io.pocketid.core.store.Storage}.
 *
 * <p>Contracts shared by every store:
 *
 * <ul>
 *   <li>Single lookups return {@link java.util.Optional}; lists are never null (empty instead).
 *   <li>Arguments are never null unless a parameter says so; a null argument throws {@link
 *       java.lang.NullPointerException}.
 *   <li>Implementations are thread-safe. Every call is atomic on its own; several calls become one
 *       unit of work inside {@link io.pocketid.core.store.Storage#inTransaction}.
 *   <li>Uniqueness violations throw {@link io.pocketid.core.store.DuplicateKeyException} naming the
 *       key; updates and deletes of missing rows throw {@link
 *       io.pocketid.core.store.NotFoundException} unless a method documents otherwise.
 *   <li>{@code consume...} methods are atomic "delete and return": of two concurrent calls with the
 *       same key at most one gets a value.
 *   <li>Timestamps are kept to at least millisecond precision; callers truncate to milliseconds.
 *   <li>Expiry: a row is valid while {@code now <= expiresAt} (and {@code findActive}/{@code
 *       consume} treat it so); {@code deleteExpired(now)} deletes rows with {@code expiresAt <
 *       now}.
 *   <li>Ordering: where a list documents a default order it is stable; text sorts ignore case;
 *       nulls sort last ascending and first descending.
 *   <li>Nested transactions join the outer one; an exception that escapes the outermost {@code
 *       inTransaction} rolls back everything, including work of inner calls whose exception was
 *       caught by the caller.
 *   <li>Secret values arrive already hashed; stores never see plain tokens.
 * </ul>
 *
 * <p>What this package does not do: business rules (who may do what, validation of names, token
 * lifetimes) live in the services, not in stores.
 */
package io.pocketid.core.store;
