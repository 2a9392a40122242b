package io.pocketid.server.internal.web;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import java.util.Optional;

/** QR codes of links (login codes, signup links) drawn as SVG, so a phone can scan them. */
public final class QrCodes {
  /** The longest text encoded. */
  public static final int MAX_LENGTH = 512;

  private static final int QUIET_ZONE = 4;

  private QrCodes() {}

  /** An SVG of {@code text}; empty when the text is empty or too long. */
  public static Optional<String> svg(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    QrCode code;
    try {
      code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    } catch (DataTooLongException e) {
      return Optional.empty();
    }
    int size = code.size + QUIET_ZONE * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < code.size; y++) {
      for (int x = 0; x < code.size; x++) {
        if (code.getModule(x, y)) {
          path.append('M')
              .append(x + QUIET_ZONE)
              .append(',')
              .append(y + QUIET_ZONE)
              .append("h1v1h-1z");
        }
      }
    }
    return Optional.of(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
            + size
            + ' '
            + size
            + "\" shape-rendering=\"crispEdges\" role=\"img\">"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
            + "<path fill=\"#000000\" d=\""
            + path
            + "\"/></svg>");
  }
}
