package io.pocketid.server.config;

import io.pocketid.core.net.IpRange;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP listener and the public address.
 *
 * @param appUrl {@code APP_URL}: lower-case, no trailing slash, no path
 * @param internalAppUrl {@code INTERNAL_APP_URL}: defaults to {@code appUrl}
 * @param host {@code HOST}: the address to listen on
 * @param port {@code PORT}: 1-65535, or 0 for any free port (embedding and tests only)
 * @param trustProxy {@code TRUST_PROXY}: take the client address from {@code X-Forwarded-For}
 * @param maxRequestBodyBytes the largest request body accepted
 * @param trustedProxies {@code TRUSTED_PROXIES}: with {@code trustProxy}, the proxies whose {@code
 *     X-Forwarded-For} entries are skipped from the right to find the client
 */
public record HttpSettings(
    String appUrl,
    String internalAppUrl,
    String host,
    int port,
    boolean trustProxy,
    long maxRequestBodyBytes,
    List<IpRange> trustedProxies) {
  /** 10 MiB. */
  public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 10L * 1024 * 1024;

  public HttpSettings {
    Objects.requireNonNull(appUrl, "appUrl");
    Objects.requireNonNull(internalAppUrl, "internalAppUrl");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
    if (maxRequestBodyBytes < 1) {
      throw new IllegalArgumentException("maxRequestBodyBytes must be positive");
    }
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** With the default trusted proxies: loopback and private networks. */
  public HttpSettings(
      String appUrl,
      String internalAppUrl,
      String host,
      int port,
      boolean trustProxy,
      long maxRequestBodyBytes) {
    this(
        appUrl,
        internalAppUrl,
        host,
        port,
        trustProxy,
        maxRequestBodyBytes,
        IpRange.PRIVATE_NETWORKS);
  }
}
