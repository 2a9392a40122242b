/**
 * Typed, immutable server settings, one record per concern, and {@link
 * io.pocketid.server.config.EnvironmentConfig}, which reads them from Pocket ID's environment
 * variables. This is the only code in the project that reads the environment; it is given the
 * environment as a map, so it never touches the real one by itself.
 *
 * <p>Secrets (the database password, {@code ENCRYPTION_KEY}, the MaxMind licence key, SMTP and LDAP
 * passwords) never appear in {@code toString()} or in error messages.
 */
package io.pocketid.server.config;
