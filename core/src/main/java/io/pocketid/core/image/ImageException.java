package io.pocketid.core.image;

/**
 * An image that cannot be decoded or is refused, with a message meant for the person who uploaded
 * it (for example "The image is too large: at most 4096 × 4096 pixels").
 */
public final class ImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageException(String message) {
    super(message);
  }

  /** "The image is damaged: " followed by {@code detail}. */
  static ImageException damaged(String detail) {
    return new ImageException("The image is damaged: " + detail);
  }
}
