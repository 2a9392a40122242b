package io.pocketid.server.config;

import java.util.Objects;

/**
 * @param level {@code LOG_LEVEL} (default info)
 * @param json {@code LOG_JSON}: one JSON object per line instead of text
 */
public record LogSettings(LogLevel level, boolean json) {
  public LogSettings {
    Objects.requireNonNull(level, "level");
  }
}
