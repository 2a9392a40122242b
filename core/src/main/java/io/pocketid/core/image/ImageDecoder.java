package io.pocketid.core.image;

import java.util.Objects;

/**
 * Decodes PNG, JPEG and GIF images into a {@link Raster}, in pure Java. The format is recognised by
 * the file's first bytes ({@link ImageFormat#detect(byte[])}).
 *
 * <ul>
 *   <li>PNG: every colour type and bit depth, palettes with transparency, Adam7 interlacing;
 *       checksums are verified and ancillary chunks ignored.
 *   <li>JPEG: baseline and extended sequential Huffman (8-bit), greyscale, YCbCr or RGB, any
 *       sampling factors, restart markers; the EXIF orientation is applied so the raster is
 *       upright. Progressive, arithmetic-coded, lossless and CMYK JPEGs are refused.
 *   <li>GIF: the first frame, with its colour table and transparency.
 * </ul>
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /**
   * Decodes an image.
   *
   * @throws ImageException when the data is not a supported image, exceeds the limits or is damaged
   *     (the message is meant for the uploader)
   */
  public static Raster decode(byte[] data, ImageLimits limits) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(limits, "limits");
    if (data.length == 0) {
      throw new ImageException("The file is empty");
    }
    if (data.length > limits.maxBytes()) {
      throw new ImageException("The file is too large: at most " + describe(limits.maxBytes()));
    }
    ImageFormat format =
        ImageFormat.detect(data)
            .orElseThrow(() -> new ImageException("The file is not a PNG, JPEG or GIF image"));
    try {
      return switch (format) {
        case PNG -> new PngDecoder(data, limits).decode();
        case JPEG -> new JpegDecoder(data, limits).decode();
        case GIF -> new GifDecoder(data, limits).decode();
      };
    } catch (IndexOutOfBoundsException e) {
      throw ImageException.damaged("the file ends early");
    }
  }

  /** A byte count for a message: "2 MiB", "512 KiB" or "100 bytes". */
  static String describe(int bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }
}
