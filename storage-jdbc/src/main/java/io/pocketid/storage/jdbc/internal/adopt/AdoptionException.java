package io.pocketid.storage.jdbc.internal.adopt;

import io.pocketid.core.store.StorageException;

/**
 * A Pocket ID database was refused or could not be adopted. The message is one line meant for the
 * operator: what was found, what to do, and that nothing was written.
 */
public final class AdoptionException extends StorageException {
  private static final long serialVersionUID = 1L;

  public AdoptionException(String message) {
    super(message);
  }

  public AdoptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
