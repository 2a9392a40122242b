package io.pocketid.geo;

/** A geolocation database that cannot be used: unreadable, corrupt, or not a City database. */
public final class GeoDatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GeoDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }

  public GeoDatabaseException(String message) {
    super(message);
  }
}
