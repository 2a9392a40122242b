package io.pocketid.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Directories on disk; created at start-up when missing.
 *
 * @param uploadPath {@code UPLOAD_PATH} (default {@code data/uploads})
 * @param keysPath {@code KEYS_PATH} (default {@code data/keys})
 */
public record PathSettings(Path uploadPath, Path keysPath) {
  public PathSettings {
    Objects.requireNonNull(uploadPath, "uploadPath");
    Objects.requireNonNull(keysPath, "keysPath");
  }
}
