/**
 * The Pocket ID server: {@link io.pocketid.server.PocketIdServer} (the embedding entry point: the
 * listener, start-up and shutdown), {@code Wiring} (the one composition root: every service and
 * handler, built once the storage is open) and {@link io.pocketid.server.Main} (the {@code
 * pocket-id} command line).
 *
 * <p>Public API: {@code PocketIdServer.builder()...build()}, {@code start()}, {@code port()},
 * {@code ready()}, {@code handler()}, {@code stop()}; the settings in {@link
 * io.pocketid.server.config}. Everything under {@code io.pocketid.server.internal} may change
 * without notice.
 *
 * <p>What this package does not do (yet): the administration pages and API beyond clients, mail,
 * LDAP, unix sockets, metrics and tracing.
 */
package io.pocketid.server;
