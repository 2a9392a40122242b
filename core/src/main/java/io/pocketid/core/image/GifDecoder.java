package io.pocketid.core.image;

/**
 * GIF (87a and 89a): the first frame, drawn at its position on a transparent canvas of the logical
 * screen's size, with the global or local colour table, the transparent index of a preceding
 * graphic control extension, and interlacing. Later frames are ignored.
 */
final class GifDecoder {
  private static final int MAX_CODE_SIZE = 12;
  private static final int TABLE_SIZE = 1 << MAX_CODE_SIZE;

  private final byte[] data;
  private final ImageLimits limits;
  private int pos;

  GifDecoder(byte[] data, ImageLimits limits) {
    this.data = data;
    this.limits = limits;
  }

  Raster decode() {
    pos = 6;
    int screenWidth = u16();
    int screenHeight = u16();
    int flags = u8();
    pos += 2; // background colour index, pixel aspect ratio
    limits.checkDimensions(screenWidth, screenHeight);
    int[] globalTable = (flags & 0x80) != 0 ? colourTable(flags & 7) : null;
    int transparent = -1;
    while (true) {
      int block = u8();
      switch (block) {
        case 0x21 -> {
          int label = u8();
          if (label == 0xF9) {
            int size = u8();
            int start = pos;
            if (size >= 4) {
              int packed = data[start] & 0xFF;
              transparent = (packed & 1) != 0 ? data[start + 3] & 0xFF : -1;
            }
            pos = start + size;
          }
          skipSubBlocks();
        }
        case 0x2C -> {
          return frame(screenWidth, screenHeight, globalTable, transparent);
        }
        case 0x3B -> throw ImageException.damaged("the file has no image");
        default -> throw ImageException.damaged("unknown block " + block);
      }
    }
  }

  private Raster frame(int screenWidth, int screenHeight, int[] globalTable, int transparent) {
    int left = u16();
    int top = u16();
    int w = u16();
    int h = u16();
    int flags = u8();
    limits.checkDimensions(w, h);
    int[] table = (flags & 0x80) != 0 ? colourTable(flags & 7) : globalTable;
    if (table == null) {
      throw ImageException.damaged("the image has no colour table");
    }
    int minCodeSize = u8();
    if (minCodeSize < 1 || minCodeSize > 11) {
      throw ImageException.damaged("bad LZW code size " + minCodeSize);
    }
    byte[] indices = lzw(imageData(), minCodeSize, w * h);
    boolean interlaced = (flags & 0x40) != 0;
    int[] argb = new int[screenWidth * screenHeight];
    for (int row = 0; row < h; row++) {
      int y = top + (interlaced ? interlacedRow(row, h) : row);
      if (y >= screenHeight) {
        continue;
      }
      for (int x = 0; x < w && left + x < screenWidth; x++) {
        int i = indices[row * w + x] & 0xFF;
        argb[y * screenWidth + left + x] =
            i == transparent ? 0 : i < table.length ? table[i] : 0xFF000000;
      }
    }
    return Raster.wrap(screenWidth, screenHeight, argb);
  }

  /** The image row stored as the {@code n}th row of an interlaced image of {@code h} rows. */
  private static int interlacedRow(int n, int h) {
    int pass1 = (h + 7) / 8;
    if (n < pass1) {
      return n * 8;
    }
    n -= pass1;
    int pass2 = (h + 3) / 8;
    if (n < pass2) {
      return 4 + n * 8;
    }
    n -= pass2;
    int pass3 = (h + 1) / 4;
    if (n < pass3) {
      return 2 + n * 4;
    }
    return 1 + (n - pass3) * 2;
  }

  private int[] colourTable(int sizeBits) {
    int n = 2 << sizeBits;
    int[] table = new int[n];
    for (int i = 0; i < n; i++) {
      table[i] = 0xFF000000 | (u8() << 16) | (u8() << 8) | u8();
    }
    return table;
  }

  /** The concatenated data sub-blocks of the image. */
  private byte[] imageData() {
    int start = pos;
    int total = 0;
    for (int size = u8(); size != 0; size = u8()) {
      total += size;
      pos += size;
    }
    if (pos > data.length) {
      throw ImageException.damaged("the file ends early");
    }
    byte[] out = new byte[total];
    int n = 0;
    pos = start;
    for (int size = u8(); size != 0; size = u8()) {
      System.arraycopy(data, pos, out, n, size);
      n += size;
      pos += size;
    }
    return out;
  }

  private void skipSubBlocks() {
    for (int size = u8(); size != 0; size = u8()) {
      pos += size;
    }
  }

  /**
   * Decodes LZW data into at most {@code count} colour indices; when the data ends early the rest
   * are 0.
   */
  private static byte[] lzw(byte[] in, int minCodeSize, int count) {
    byte[] out = new byte[count];
    int clear = 1 << minCodeSize;
    int end = clear + 1;
    int[] prefix = new int[TABLE_SIZE];
    byte[] suffix = new byte[TABLE_SIZE];
    byte[] stack = new byte[TABLE_SIZE + 1];
    for (int i = 0; i < clear; i++) {
      suffix[i] = (byte) i;
    }
    int codeSize = minCodeSize + 1;
    int next = clear + 2;
    int old = -1;
    byte first = 0;
    int n = 0;
    int bits = 0;
    int bitCount = 0;
    int at = 0;
    while (n < count) {
      while (bitCount < codeSize && at < in.length) {
        bits |= (in[at++] & 0xFF) << bitCount;
        bitCount += 8;
      }
      if (bitCount < codeSize) {
        break;
      }
      int code = bits & ((1 << codeSize) - 1);
      bits >>>= codeSize;
      bitCount -= codeSize;
      if (code == clear) {
        codeSize = minCodeSize + 1;
        next = clear + 2;
        old = -1;
        continue;
      }
      if (code == end) {
        break;
      }
      if (old == -1) {
        if (code >= clear) {
          throw ImageException.damaged("bad LZW code");
        }
        first = (byte) code;
        out[n++] = first;
        old = code;
        continue;
      }
      int current = code;
      int top = 0;
      if (code == next) {
        stack[top++] = first;
        code = old;
      } else if (code > next) {
        throw ImageException.damaged("bad LZW code");
      }
      while (code >= clear) {
        stack[top++] = suffix[code];
        code = prefix[code];
      }
      first = suffix[code];
      stack[top++] = first;
      while (top > 0 && n < count) {
        out[n++] = stack[--top];
      }
      if (next < TABLE_SIZE) {
        prefix[next] = old;
        suffix[next] = first;
        next++;
        if (next == 1 << codeSize && codeSize < MAX_CODE_SIZE) {
          codeSize++;
        }
      }
      old = current;
    }
    return out;
  }

  private int u8() {
    return data[pos++] & 0xFF;
  }

  private int u16() {
    int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }
}
