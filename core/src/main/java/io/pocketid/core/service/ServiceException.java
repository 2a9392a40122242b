package io.pocketid.core.service;

import java.util.Objects;

/**
 * A failure the caller can act on: an {@link ServiceError} plus a message meant for the end user
 * (Pocket ID's wording, first letter upper-case, never containing a secret).
 */
public class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ServiceError error;

  public ServiceException(ServiceError error, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.error = Objects.requireNonNull(error, "error");
  }

  public ServiceError error() {
    return error;
  }
}
