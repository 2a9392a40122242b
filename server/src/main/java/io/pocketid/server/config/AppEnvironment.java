package io.pocketid.server.config;

/** {@code APP_ENV}. */
public enum AppEnvironment {
  PRODUCTION,
  DEVELOPMENT,
  /** Disables rate limiting (as in Pocket ID). */
  TEST
}
