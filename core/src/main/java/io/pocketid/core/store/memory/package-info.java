/**
 * The in-memory reference implementation of the storage SPI: {@link
 * io.pocketid.core.store.memory.InMemoryStorage}. Everything else in this package is internal.
 *
 * <p>What this package does not do: persistence, or sharing data between processes.
 */
package io.pocketid.core.store.memory;
