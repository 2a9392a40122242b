package io.pocketid.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Protocol settings with Pocket ID's defaults.
 *
 * @param issuer APP_URL: the issuer and the base of browser-facing endpoints
 * @param internalBaseUrl INTERNAL_APP_URL: the base of back-channel endpoints in discovery
 * @param authorizationCodeLifetime default 10 minutes (RFC 6749 §4.1.2 recommends at most 10)
 * @param accessTokenLifetime default 1 hour
 * @param idTokenLifetime default 1 hour
 * @param refreshTokenLifetime default 30 days
 * @param deviceCodeLifetime default 15 minutes
 * @param devicePollInterval default 5 seconds
 */
public record OidcSettings(
    String issuer,
    String internalBaseUrl,
    Duration authorizationCodeLifetime,
    Duration accessTokenLifetime,
    Duration idTokenLifetime,
    Duration refreshTokenLifetime,
    Duration deviceCodeLifetime,
    Duration devicePollInterval) {
  public OidcSettings {
    requireBaseUrl(issuer, "issuer");
    requireBaseUrl(internalBaseUrl, "internalBaseUrl");
    for (Duration d :
        new Duration[] {
          authorizationCodeLifetime,
          accessTokenLifetime,
          idTokenLifetime,
          refreshTokenLifetime,
          deviceCodeLifetime,
          devicePollInterval
        }) {
      if (Objects.requireNonNull(d, "lifetime").isNegative() || d.isZero()) {
        throw new IllegalArgumentException("lifetimes must be positive");
      }
    }
  }

  private static void requireBaseUrl(String url, String name) {
    Objects.requireNonNull(url, name);
    URI uri = URI.create(url);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(name + " must be an absolute URL: " + url);
    }
    if (url.endsWith("/") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          name + " must have no trailing slash, query or fragment (a path is allowed): " + url);
    }
  }

  /** Defaults for an issuer; the internal base URL is the issuer. */
  public static OidcSettings defaults(String issuer) {
    return new OidcSettings(
        issuer,
        issuer,
        Duration.ofMinutes(10),
        Duration.ofHours(1),
        Duration.ofHours(1),
        Duration.ofDays(30),
        Duration.ofMinutes(15),
        Duration.ofSeconds(5));
  }

  public OidcSettings withInternalBaseUrl(String url) {
    return new OidcSettings(
        issuer,
        url,
        authorizationCodeLifetime,
        accessTokenLifetime,
        idTokenLifetime,
        refreshTokenLifetime,
        deviceCodeLifetime,
        devicePollInterval);
  }
}
