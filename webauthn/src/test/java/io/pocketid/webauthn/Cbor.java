package io.pocketid.webauthn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The few CBOR encodings a software authenticator needs (RFC 8949, definite lengths only). */
final class Cbor {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static byte[] encode(Object value) {
    Cbor cbor = new Cbor();
    cbor.write(value);
    return cbor.out.toByteArray();
  }

  private void write(Object value) {
    if (value instanceof Integer i) {
      writeInt(i);
    } else if (value instanceof Long l) {
      writeInt(l);
    } else if (value instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      head(3, bytes.length);
      out.writeBytes(bytes);
    } else if (value instanceof byte[] bytes) {
      head(2, bytes.length);
      out.writeBytes(bytes);
    } else if (value instanceof Map<?, ?> map) {
      head(5, map.size());
      map.forEach(
          (k, v) -> {
            write(k);
            write(v);
          });
    } else {
      throw new IllegalArgumentException("cannot encode " + value);
    }
  }

  private void writeInt(long value) {
    if (value >= 0) {
      head(0, value);
    } else {
      head(1, -1 - value);
    }
  }

  private void head(int major, long length) {
    int type = major << 5;
    if (length < 24) {
      out.write(type | (int) length);
    } else if (length < 256) {
      out.write(type | 24);
      out.write((int) length);
    } else if (length < 65536) {
      out.write(type | 25);
      out.write((int) (length >> 8));
      out.write((int) length);
    } else {
      out.write(type | 26);
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write((int) (length >> shift));
      }
    }
  }
}
