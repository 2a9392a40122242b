package io.pocketid.server.internal.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status line and headers of an HTTP/1.x response, read within a byte budget. Interim 1xx
 * responses (e.g. 103 Early Hints) are skipped; obsolete line folding is refused.
 */
final class ResponseHead {
  private static final Pattern STATUS_LINE =
      Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])(?: .*)?");
  private static final Pattern HEADER =
      Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*");

  private final int status;
  private final Map<String, List<String>> headers;

  private ResponseHead(int status, Map<String, List<String>> headers) {
    this.status = status;
    this.headers = headers;
  }

  /**
   * Reads the head of the final response.
   *
   * @param maxBytes the most bytes all heads together may take
   * @throws IOException when the head is malformed, too large or cut short
   */
  static ResponseHead read(InputStream in, int maxBytes) throws IOException {
    int[] budget = {maxBytes};
    while (true) {
      ResponseHead head = readOne(in, budget);
      if (head.status >= 200) {
        return head;
      }
    }
  }

  private static ResponseHead readOne(InputStream in, int[] budget) throws IOException {
    Matcher statusLine = STATUS_LINE.matcher(line(in, budget));
    if (!statusLine.matches()) {
      throw new IOException("the server did not answer with HTTP/1.1");
    }
    Map<String, List<String>> headers = new HashMap<>();
    for (String line = line(in, budget); !line.isEmpty(); line = line(in, budget)) {
      Matcher header = HEADER.matcher(line);
      if (!header.matches()) {
        throw new IOException("the response has a malformed header");
      }
      headers
          .computeIfAbsent(header.group(1).toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(header.group(2));
    }
    return new ResponseHead(Integer.parseInt(statusLine.group(1)), headers);
  }

  private static String line(InputStream in, int[] budget) throws IOException {
    String line = HttpLines.read(in, budget[0], "the response headers are too large");
    budget[0] -= line.length() + 2;
    return line;
  }

  int status() {
    return status;
  }

  /** Every value of header {@code name} (lower case), in order. */
  List<String> values(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** The one value of header {@code name} (lower case); empty when absent. */
  Optional<String> header(String name) throws IOException {
    List<String> values = values(name);
    if (values.stream().distinct().count() > 1) {
      throw new IOException("the response has conflicting " + name + " headers");
    }
    return values.stream().findFirst();
  }

  /** The {@code Content-Length}; empty when absent. */
  OptionalLong contentLength() throws IOException {
    Optional<String> value = header("content-length");
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!value.get().matches("[0-9]{1,18}")) {
      throw new IOException("the response has an invalid content-length");
    }
    return OptionalLong.of(Long.parseLong(value.get()));
  }
}
