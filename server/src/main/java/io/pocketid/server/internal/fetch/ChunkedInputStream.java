package io.pocketid.server.internal.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body in chunked transfer coding, decoded: chunk sizes (extensions ignored) and the trailer
 * section are read with bounded line lengths, trailers are discarded.
 */
final class ChunkedInputStream extends InputStream {
  private static final int MAX_LINE = 1024;
  private static final int MAX_TRAILERS = 16 * 1024;

  private final InputStream in;
  private long remaining;
  private boolean started;
  private boolean done;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (remaining == 0 && !nextChunk()) {
      return -1;
    }
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw new EOFException("the response body ended early");
    }
    remaining -= n;
    return n;
  }

  /** Reads up to the next chunk's data; false after the last chunk and the trailers. */
  private boolean nextChunk() throws IOException {
    if (done) {
      return false;
    }
    if (started && !line().isEmpty()) {
      throw new IOException("the response has a malformed chunk");
    }
    started = true;
    String size = line();
    int semicolon = size.indexOf(';');
    size = (semicolon < 0 ? size : size.substring(0, semicolon)).strip();
    if (!size.matches("[0-9A-Fa-f]{1,8}")) {
      throw new IOException("the response has a malformed chunk size");
    }
    remaining = Long.parseLong(size, 16);
    if (remaining > 0) {
      return true;
    }
    int trailers = 0;
    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
      trailers += trailer.length() + 2;
      if (trailers > MAX_TRAILERS) {
        throw new IOException("the response trailers are too large");
      }
    }
    done = true;
    return false;
  }

  private String line() throws IOException {
    return HttpLines.read(in, MAX_LINE, "the response has a malformed chunk");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
