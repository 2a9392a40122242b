package io.pocketid.core.config;

import java.util.Optional;

/** Booleans as Go's {@code strconv.ParseBool} reads them. */
public final class GoBool {
  private GoBool() {}

  /**
   * @return the value, or empty when {@code text} is not one of 1, t, T, TRUE, true, True, 0, f, F,
   *     FALSE, false, False
   */
  public static Optional<Boolean> parse(String text) {
    switch (text) {
      case "1":
      case "t":
      case "T":
      case "TRUE":
      case "true":
      case "True":
        return Optional.of(Boolean.TRUE);
      case "0":
      case "f":
      case "F":
      case "FALSE":
      case "false":
      case "False":
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }
}
