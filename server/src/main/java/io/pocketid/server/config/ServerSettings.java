package io.pocketid.server.config;

import java.util.Objects;

/**
 * Everything the server is configured with, one immutable object per concern. Built from the
 * environment by {@link EnvironmentConfig#load(java.util.Map)}, or changed by copy with the {@code
 * with...} methods.
 *
 * @param appEnv {@code APP_ENV}
 * @param http listener and public URL
 * @param database the database
 * @param paths upload and key directories
 * @param keys signing-key storage
 * @param geo geolocation and internal network
 * @param log logging
 * @param observability metrics, tracing and analytics switches
 * @param appConfig {@code UI_CONFIG_DISABLED} and the app configuration from the environment
 */
public record ServerSettings(
    AppEnvironment appEnv,
    HttpSettings http,
    DatabaseSettings database,
    PathSettings paths,
    KeySettings keys,
    GeoSettings geo,
    LogSettings log,
    ObservabilitySettings observability,
    AppConfigSettings appConfig) {
  public ServerSettings {
    Objects.requireNonNull(appEnv, "appEnv");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(geo, "geo");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(observability, "observability");
    Objects.requireNonNull(appConfig, "appConfig");
  }

  /** Pocket ID's defaults: what the server uses with an empty environment. */
  public static ServerSettings defaults() {
    return EnvironmentConfig.load(java.util.Map.of());
  }

  public ServerSettings withHttp(HttpSettings newHttp) {
    return new ServerSettings(
        appEnv, newHttp, database, paths, keys, geo, log, observability, appConfig);
  }

  public ServerSettings withDatabase(DatabaseSettings newDatabase) {
    return new ServerSettings(
        appEnv, http, newDatabase, paths, keys, geo, log, observability, appConfig);
  }

  public ServerSettings withKeys(KeySettings newKeys) {
    return new ServerSettings(
        appEnv, http, database, paths, newKeys, geo, log, observability, appConfig);
  }

  public ServerSettings withPaths(PathSettings newPaths) {
    return new ServerSettings(
        appEnv, http, database, newPaths, keys, geo, log, observability, appConfig);
  }
}
