package io.pocketid.server.internal.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the text lines of an HTTP/1.1 message head or chunk framing, each of bounded length. */
final class HttpLines {
  private HttpLines() {}

  /**
   * The next line without its CRLF (a bare LF is accepted too), decoded as ISO-8859-1.
   *
   * @param max the most bytes the line may have, its line break included
   * @param tooLong the message when the line is longer
   * @throws EOFException when the stream ends first
   * @throws IOException with message {@code tooLong} when the line is longer than {@code max}
   */
  static String read(InputStream in, int max, String tooLong) throws IOException {
    byte[] line = new byte[64];
    int length = 0;
    for (int count = 1; ; count++) {
      if (count > max) {
        throw new IOException(tooLong);
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the response ended early");
      }
      if (b == '\n') {
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, line.length * 2);
      }
      line[length++] = (byte) b;
    }
  }
}
