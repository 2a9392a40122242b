package io.pocketid.server.config;

/** {@code LOG_LEVEL}. */
public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
