package io.pocketid.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and limits of the server's own HTTP listener, so that slow or stalled clients cannot
 * hold its threads. Set with {@code PocketIdServer.Builder#connectionLimits}; an Undertow that
 * mounts {@code PocketIdServer#handler()} applies its own (only the body timeout's default, 30 s,
 * applies there too).
 *
 * @param headerTimeout the most a request head (request line and headers) may take to arrive
 *     (Undertow's {@code REQUEST_PARSE_TIMEOUT}); the connection is closed after it
 * @param bodyTimeout the most a whole request body may take to arrive; the connection is closed
 *     after it. Bodies are read without holding a worker thread.
 * @param idleTimeout how long a connection may stay open without a request (before the first one or
 *     between keep-alive requests; Undertow's {@code NO_REQUEST_TIMEOUT})
 * @param writeTimeout the most a write may wait for the client (XNIO's {@code WRITE_TIMEOUT}): a
 *     client that stops reading its response releases the worker writing it. (Reads need no such
 *     timeout: heads, bodies and idle connections have their own, and no read blocks a worker.)
 * @param maxConnectionsPerAddress open connections allowed from one TCP peer address; more are
 *     answered 429 and closed. Trusted reverse proxies ({@code TRUST_PROXY} and {@code
 *     TRUSTED_PROXIES}) are not limited: every connection behind them comes from their address.
 */
public record ConnectionLimits(
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    Duration writeTimeout,
    int maxConnectionsPerAddress) {
  /** Header 10 s, body 30 s, idle 60 s, write 60 s, 64 connections per address. */
  public static final ConnectionLimits DEFAULTS =
      new ConnectionLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          64);

  /**
   * @throws IllegalArgumentException when a timeout is not a positive whole number of milliseconds
   *     up to {@code Integer.MAX_VALUE}, or the connection limit is below 1
   */
  public ConnectionLimits {
    positive("headerTimeout", headerTimeout);
    positive("bodyTimeout", bodyTimeout);
    positive("idleTimeout", idleTimeout);
    positive("writeTimeout", writeTimeout);
    if (maxConnectionsPerAddress < 1) {
      throw new IllegalArgumentException(
          "maxConnectionsPerAddress must be at least 1, was " + maxConnectionsPerAddress);
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, was " + value);
    }
  }
}
