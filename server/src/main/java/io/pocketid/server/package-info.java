/**
 * The Pocket ID server: {@link io.pocketid.server.PocketIdServer} (the embedding entry point and
 * the one composition root) and {@link io.pocketid.server.Main} (the {@code pocket-id} command).
 *
 * <p>Public API: {@code PocketIdServer.builder()...build()}, {@code start()}, {@code port()},
 * {@code ready()}, {@code handler()}, {@code stop()}; the settings in {@link
 * io.pocketid.server.config}. Everything under {@code io.pocketid.server.internal} may change
 * without notice.
 *
 * <p>What this package does not do (yet): the web UI, sessions, passkeys and the OIDC endpoints;
 * unix sockets; metrics and tracing.
 */
package io.pocketid.server;
