package io.pocketid.core.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go's {@code time.ParseDuration} writes them: {@code 15m}, {@code 1h30m}, {@code
 * 90s}.
 */
public final class GoDuration {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:h|m|s|ms))+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

  private GoDuration() {}

  /** The duration, or empty when {@code text} is not one (units h, m, s, ms; no sign). */
  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text.trim()).matches()) {
      return Optional.empty();
    }
    double millis = 0;
    Matcher part = PART.matcher(text.trim());
    while (part.find()) {
      double value = Double.parseDouble(part.group(1));
      millis +=
          switch (part.group(2)) {
            case "h" -> value * 3_600_000;
            case "m" -> value * 60_000;
            case "s" -> value * 1_000;
            default -> value;
          };
    }
    if (millis > Long.MAX_VALUE / 2) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.round(millis)));
  }
}
