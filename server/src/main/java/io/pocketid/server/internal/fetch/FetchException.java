package io.pocketid.server.internal.fetch;

/**
 * The image could not be fetched or was refused; the message says why in words fit for the
 * administrator who gave the URL, e.g. "The logo URL must use http or https".
 */
public final class FetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FetchException(String message) {
    super(message);
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
