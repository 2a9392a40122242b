package io.pocketid.server.internal.api;

import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonBody;
import java.time.Duration;

/**
 * Pocket ID's JSON durations ({@code ttl}): a number of nanoseconds, or a Go duration string such
 * as {@code "15m"}, {@code "1h30m"} or {@code "720h"} (read by core's {@link
 * io.pocketid.core.config.GoDuration}).
 */
final class GoDuration {
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
    if (text.length() > 32) {
      throw invalid(field);
    }
    return io.pocketid.core.config.GoDuration.parse(text).orElseThrow(() -> invalid(field));
  }

  private static BadRequestException invalid(String field) {
    String name = Character.toUpperCase(field.charAt(0)) + field.substring(1);
    return new BadRequestException(name + " is invalid: use a duration such as \"15m\" or \"24h\"");
  }
}
