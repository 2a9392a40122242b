package io.pocketid.server.internal.api;

import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonBody;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pocket ID's JSON durations ({@code ttl}): a number of nanoseconds, or a Go duration string such
 * as {@code "15m"}, {@code "1h30m"} or {@code "720h"} (units h, m, s, ms).
 */
final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+)(h|ms|m|s)");

  private GoDuration() {}

  /**
   * @return null when the field is absent
   * @throws BadRequestException 400 naming the field when it is not a duration
   */
  static Duration read(JsonBody body, String field) {
    Long nanos = body.number(field);
    if (nanos != null) {
      return Duration.ofNanos(nanos);
    }
    if (!body.has(field)) {
      return null;
    }
    String text;
    try {
      text = body.string(field);
    } catch (BadRequestException e) {
      throw invalid(field);
    }
    return text == null ? null : parse(field, text.trim());
  }

  static Duration parse(String field, String text) {
    if (text.isEmpty() || text.length() > 32) {
      throw invalid(field);
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw invalid(field);
      }
      long amount = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
              });
      end = m.end();
    }
    if (end != text.length()) {
      throw invalid(field);
    }
    return total;
  }

  private static BadRequestException invalid(String field) {
    String name = Character.toUpperCase(field.charAt(0)) + field.substring(1);
    return new BadRequestException(name + " is invalid: use a duration such as \"15m\" or \"24h\"");
  }
}
