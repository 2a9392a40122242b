package io.pocketid.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code application/x-www-form-urlencoded} bodies for the HTTP tests. */
public final class Forms {
  private Forms() {}

  /** Name-value pairs, each URL-encoded, joined with {@code &}. */
  public static String encode(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
