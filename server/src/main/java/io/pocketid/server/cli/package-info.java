/**
 * The {@code pocket-id} command line (picocli) and the JDK-only {@link
 * io.pocketid.server.cli.Healthcheck}, which a container image can run with a one-jar class path.
 */
package io.pocketid.server.cli;
