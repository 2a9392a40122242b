package io.pocketid.server.internal.http;

/** The request cannot be read; answered 400 (or the given status) with the message. */
public final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public BadRequestException(String message) {
    this(400, message);
  }

  public BadRequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
