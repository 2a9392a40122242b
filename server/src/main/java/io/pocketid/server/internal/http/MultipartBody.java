package io.pocketid.server.internal.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one file field of a {@code multipart/form-data} body (RFC 7578) held in memory, as Pocket
 * ID's upload routes take it ({@code file}). Strict: the boundary must be declared and found, the
 * part must name the field; the file's declared name and type are ignored (the bytes are decoded
 * later, so the type is what they are, not what they claim).
 */
public final class MultipartBody {
  /** The largest file accepted (2 MiB, Pocket ID's limit). */
  public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

  private static final Pattern BOUNDARY =
      Pattern.compile("(?i);\\s*boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
  private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");

  private MultipartBody() {}

  /**
   * The bytes of the field {@code field}.
   *
   * @throws BadRequestException 400 naming the problem (not multipart, no such field, malformed),
   *     413 when the file is larger than {@link #MAX_FILE_BYTES}
   */
  public static byte[] file(HttpServerExchange exchange, String field) {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new BadRequestException(
          "Content-Type must be multipart/form-data with a \"" + field + "\" file");
    }
    Matcher boundary = BOUNDARY.matcher(contentType);
    if (!boundary.find()) {
      throw new BadRequestException("The multipart body declares no boundary");
    }
    String value = boundary.group(1) != null ? boundary.group(1) : boundary.group(2);
    byte[] body;
    try (InputStream in = exchange.getInputStream()) {
      body = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return find(body, value, field);
  }

  /** The named part's content in {@code body}; visible for tests. */
  static byte[] find(byte[] body, String boundary, String field) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] between = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw malformed();
    }
    int position = at + delimiter.length;
    while (true) {
      if (startsWith(body, position, "--")) {
        throw new BadRequestException("The form has no \"" + field + "\" file");
      }
      if (!startsWith(body, position, "\r\n")) {
        throw malformed();
      }
      int headersStart = position + 2;
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        throw malformed();
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      int contentEnd = indexOf(body, between, contentStart);
      if (contentEnd < 0) {
        throw malformed();
      }
      if (field.equals(partName(headers))) {
        if (contentEnd - contentStart > MAX_FILE_BYTES) {
          throw new BadRequestException(
              StatusCodes.REQUEST_ENTITY_TOO_LARGE, "The file is too large: at most 2 MiB");
        }
        return Arrays.copyOfRange(body, contentStart, contentEnd);
      }
      position = contentEnd + between.length;
    }
  }

  private static String partName(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        Matcher name = NAME.matcher(line);
        return name.find() ? name.group(1) : null;
      }
    }
    return null;
  }

  private static BadRequestException malformed() {
    return new BadRequestException("The multipart body is malformed");
  }

  private static boolean startsWith(byte[] body, int at, String text) {
    if (at + text.length() > body.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (body[at + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] body, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= body.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (body[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
