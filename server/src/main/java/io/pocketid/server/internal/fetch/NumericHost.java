package io.pocketid.server.internal.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Host text that is an IPv4 address in any spelling a browser or {@code inet_aton} accepts: one to
 * four dot-separated parts, each decimal, octal (leading {@code 0}) or hexadecimal ({@code 0x}),
 * the last part filling the remaining bytes ({@code 127.1}, {@code 2130706433}, {@code 0x7f.1},
 * {@code 0177.0.0.1} are all 127.0.0.1). Parsed here, never by the platform resolver, so that what
 * is checked is exactly what is connected to. As in the WHATWG URL standard, a host whose last
 * label is a number is an IPv4 address or invalid, never a name to look up.
 */
final class NumericHost {
  private NumericHost() {}

  /**
   * The IPv4 address {@code host} spells, empty when its last label is not numeric (a name).
   *
   * @param host lower case, without a trailing dot
   * @throws IllegalArgumentException when the last label is numeric but the whole is no IPv4
   *     address
   */
  static Optional<InetAddress> parse(String host) {
    String[] parts = host.split("\\.", -1);
    if (!isNumber(parts[parts.length - 1])) {
      return Optional.empty();
    }
    if (parts.length > 4) {
      throw new IllegalArgumentException("too many parts");
    }
    long value = 0;
    for (int i = 0; i < parts.length; i++) {
      long part = number(parts[i]);
      boolean last = i == parts.length - 1;
      long limit = last ? 1L << (8 * (4 - i)) : 256;
      if (part >= limit) {
        throw new IllegalArgumentException("part out of range");
      }
      value = last ? (value << (8 * (4 - i))) | part : (value << 8) | part;
    }
    byte[] bytes = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isNumber(String label) {
    return label.matches("[0-9]+|0x[0-9a-f]*");
  }

  private static long number(String part) {
    String digits;
    int radix;
    if (part.startsWith("0x")) {
      digits = part.substring(2);
      radix = 16;
    } else if (part.length() > 1 && part.startsWith("0")) {
      digits = part.substring(1);
      radix = 8;
    } else {
      digits = part;
      radix = 10;
    }
    if (digits.isEmpty()) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty part");
      }
      return 0;
    }
    if (digits.length() > 12 || !digits.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("not a number");
    }
    try {
      return Long.parseLong(digits, radix);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number", e);
    }
  }
}
