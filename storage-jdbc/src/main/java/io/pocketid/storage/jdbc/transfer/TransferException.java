package io.pocketid.storage.jdbc.transfer;

import io.pocketid.core.store.StorageException;

/** An export or import refused or failed; the message is one line for the operator. */
public final class TransferException extends StorageException {
  private static final long serialVersionUID = 1L;

  public TransferException(String message) {
    super(message);
  }

  public TransferException(String message, Throwable cause) {
    super(message, cause);
  }
}
