package io.pocketid.server.internal.oidc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A JSON document rendered once (discovery, JWKS): its UTF-8 bytes and a strong {@code ETag} over
 * them, so each request is a buffer copy and a revalidation ({@code If-None-Match}) a 304.
 */
record StaticDocument(byte[] bytes, String etag) {
  static StaticDocument of(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      String tag =
          Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
      return new StaticDocument(bytes, "\"" + tag + "\"");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A read-only view for one response. */
  ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** RFC 9110 §13.1.2: whether an {@code If-None-Match} value matches (weak comparison). */
  boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
