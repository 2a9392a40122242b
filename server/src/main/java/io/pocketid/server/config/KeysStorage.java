package io.pocketid.server.config;

/** {@code KEYS_STORAGE}: where the signing keys are kept. */
public enum KeysStorage {
  /** In {@code KEYS_PATH}, encrypted when {@code ENCRYPTION_KEY} is set. */
  FILE,
  /** In the database, encrypted with {@code ENCRYPTION_KEY} (required). */
  DATABASE,
  /**
   * In memory only, new at every start: for embedding ({@code PocketIdServer.Builder#keysInMemory})
   * and tests, never from the environment.
   */
  MEMORY
}
