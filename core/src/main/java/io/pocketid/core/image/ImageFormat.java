package io.pocketid.core.image;

import java.util.Optional;

/** The image formats the decoder reads, recognised by their first bytes (never by a file name). */
public enum ImageFormat {
  PNG("image/png"),
  JPEG("image/jpeg"),
  GIF("image/gif");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final String contentType;

  ImageFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The media type, e.g. {@code image/png}. */
  public String contentType() {
    return contentType;
  }

  /** The format whose signature {@code data} starts with; empty for anything else. */
  public static Optional<ImageFormat> detect(byte[] data) {
    if (data == null) {
      return Optional.empty();
    }
    if (startsWith(data, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (data.length >= 3
        && (data[0] & 0xFF) == 0xFF
        && (data[1] & 0xFF) == 0xD8
        && (data[2] & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (startsWith(data, new byte[] {'G', 'I', 'F', '8', '7', 'a'})
        || startsWith(data, new byte[] {'G', 'I', 'F', '8', '9', 'a'})) {
      return Optional.of(GIF);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
