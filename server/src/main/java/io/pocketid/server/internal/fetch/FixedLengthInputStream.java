package io.pocketid.server.internal.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body framed by {@code Content-Length}: ends after that many bytes, fails when cut short. */
final class FixedLengthInputStream extends InputStream {
  private final InputStream in;
  private long remaining;

  FixedLengthInputStream(InputStream in, long length) {
    this.in = in;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw new EOFException("the response body ended early");
    }
    remaining -= n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
