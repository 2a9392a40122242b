package io.pocketid.core.store;

/** A create or update would break a uniqueness rule. The message names the key. */
public class DuplicateKeyException extends StorageException {
  private static final long serialVersionUID = 1L;
  private final String entity;
  private final String key;

  /**
   * @param entity the aggregate, e.g. {@code user}
   * @param key the unique field, e.g. {@code username}
   * @param value the offending value (never a secret)
   */
  public DuplicateKeyException(String entity, String key, String value) {
    super(entity + " with " + key + " '" + value + "' already exists");
    this.entity = entity;
    this.key = key;
  }

  public String entity() {
    return entity;
  }

  /** The unique field that clashed, e.g. {@code username} or {@code email}. */
  public String key() {
    return key;
  }
}
