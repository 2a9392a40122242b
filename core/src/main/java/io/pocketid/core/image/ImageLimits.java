package io.pocketid.core.image;

/**
 * What the decoder accepts. Dimensions are checked against the file's header before any pixel
 * memory is allocated, so a small file that claims to be enormous (a decompression bomb) is refused
 * cheaply.
 *
 * @param maxBytes the largest encoded size
 * @param maxWidth the widest image, in pixels
 * @param maxHeight the tallest image, in pixels
 * @param maxPixels the most pixels (width × height)
 */
public record ImageLimits(int maxBytes, int maxWidth, int maxHeight, long maxPixels) {
  public ImageLimits {
    if (maxBytes <= 0 || maxWidth <= 0 || maxHeight <= 0 || maxPixels <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** 2 MiB, 4096 × 4096 pixels and 16 megapixels: the limits for uploads. */
  public static ImageLimits uploads() {
    return new ImageLimits(2 * 1024 * 1024, 4096, 4096, 16L * 1024 * 1024);
  }

  /**
   * Refuses dimensions outside these limits.
   *
   * @throws ImageException naming the limit
   */
  void checkDimensions(long width, long height) {
    if (width <= 0 || height <= 0) {
      throw ImageException.damaged("the image has no pixels");
    }
    if (width > maxWidth || height > maxHeight || width * height > maxPixels) {
      throw new ImageException(
          "The image is too large: at most "
              + maxWidth
              + " × "
              + maxHeight
              + " pixels ("
              + maxPixels / 1_000_000
              + " megapixels)");
    }
  }
}
