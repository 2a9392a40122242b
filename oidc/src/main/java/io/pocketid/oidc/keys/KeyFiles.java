package io.pocketid.oidc.keys;

import java.io.IOException;
import java.util.Optional;

/**
 * The directory that holds the signing-key file ({@code KEYS_PATH} in the server), as {@link
 * KeyManager} needs it: the server implements it on the file system, so this module does no file
 * access itself.
 */
public interface KeyFiles {
  /** The content of file {@code name}, or empty when there is no such file. */
  Optional<String> read(String name) throws IOException;

  /**
   * Replaces file {@code name} with {@code content} atomically, readable and writable by its owner
   * only, creating the directory when missing.
   */
  void write(String name, String content) throws IOException;

  /** Deletes file {@code name}. */
  void delete(String name) throws IOException;

  /** Where file {@code name} is, for messages. */
  String where(String name);
}
