/**
 * Internals of the JDBC storage: MyBatis mappers and type handlers, the unit-of-work manager
 * ({@link io.pocketid.storage.jdbc.internal.Db}), the schema migrator and one store class per
 * aggregate. Not an API: may change without notice.
 */
package io.pocketid.storage.jdbc.internal;
