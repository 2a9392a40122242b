package io.pocketid.core.store;

/** An update or delete named a row that does not exist. */
public class NotFoundException extends StorageException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String entity, String id) {
    super(entity + " '" + id + "' not found");
  }
}
