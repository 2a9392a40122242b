package io.pocketid.server.internal.oidc;

import io.pocketid.server.internal.http.Responses;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the JSON of protocol responses (maps of strings, numbers, booleans, lists, maps and null)
 * without the JSON-B runtime, so the token endpoint does not depend on it.
 */
final class JsonOut {
  private JsonOut() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      out.append(Responses.quote(s));
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(Responses.quote(String.valueOf(entry.getKey()))).append(':');
        append(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        append(out, item);
      }
      out.append(']');
    } else {
      out.append(Responses.quote(value.toString()));
    }
  }
}
