package io.pocketid.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * PNG (ISO/IEC 15948): every colour type and bit depth, {@code PLTE} and {@code tRNS}, Adam7
 * interlacing, the five filter types. Chunk checksums are verified; ancillary chunks are skipped;
 * the image data is inflated row by row, never beyond the size the header implies.
 */
final class PngDecoder {
  /** Adam7 passes: x start, y start, x step, y step. */
  private static final int[][] ADAM7 = {
    {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}
  };

  private final byte[] data;
  private final ImageLimits limits;
  private int width;
  private int height;
  private int bitDepth;
  private int colorType;
  private boolean interlaced;
  private int[] palette;
  private byte[] transparency;

  PngDecoder(byte[] data, ImageLimits limits) {
    this.data = data;
    this.limits = limits;
  }

  Raster decode() {
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    int pos = 8;
    boolean header = false;
    boolean ended = false;
    while (!ended) {
      if (pos + 12 > data.length) {
        throw ImageException.damaged("the file ends early");
      }
      long length = readInt(pos) & 0xFFFFFFFFL;
      if (length > data.length - pos - 12) {
        throw ImageException.damaged("the file ends early");
      }
      int len = (int) length;
      String type = new String(data, pos + 4, 4, StandardCharsets.ISO_8859_1);
      int body = pos + 8;
      CRC32 crc = new CRC32();
      crc.update(data, pos + 4, len + 4);
      if ((int) crc.getValue() != readInt(body + len)) {
        throw ImageException.damaged("the checksum of a " + printable(type) + " chunk is wrong");
      }
      if (!header && !type.equals("IHDR")) {
        throw ImageException.damaged("the header is missing");
      }
      switch (type) {
        case "IHDR" -> {
          if (header) {
            throw ImageException.damaged("two headers");
          }
          header(body, len);
          header = true;
        }
        case "PLTE" -> palette(body, len);
        case "tRNS" -> transparency = java.util.Arrays.copyOfRange(data, body, body + len);
        case "IDAT" -> idat.write(data, body, len);
        case "IEND" -> ended = true;
        default -> {
          if (Character.isUpperCase(type.charAt(0))) {
            throw ImageException.damaged("unknown critical chunk " + printable(type));
          }
        }
      }
      pos = body + len + 4;
    }
    if (idat.size() == 0) {
      throw ImageException.damaged("no image data");
    }
    if (colorType == 3 && palette == null) {
      throw ImageException.damaged("the palette is missing");
    }
    return pixels(idat.toByteArray());
  }

  private void header(int at, int len) {
    if (len != 13) {
      throw ImageException.damaged("bad header");
    }
    long w = readInt(at) & 0xFFFFFFFFL;
    long h = readInt(at + 4) & 0xFFFFFFFFL;
    limits.checkDimensions(w, h);
    width = (int) w;
    height = (int) h;
    bitDepth = data[at + 8] & 0xFF;
    colorType = data[at + 9] & 0xFF;
    boolean valid =
        switch (colorType) {
          case 0 ->
              bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
          case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
          case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
          default -> false;
        };
    if (!valid) {
      throw ImageException.damaged(
          "colour type " + colorType + " with bit depth " + bitDepth + " does not exist");
    }
    if (data[at + 10] != 0 || data[at + 11] != 0 || (data[at + 12] & 0xFF) > 1) {
      throw ImageException.damaged("unknown compression, filter or interlace method");
    }
    interlaced = data[at + 12] == 1;
  }

  private void palette(int at, int len) {
    if (len % 3 != 0 || len == 0 || len > 768) {
      throw ImageException.damaged("bad palette");
    }
    palette = new int[len / 3];
    for (int i = 0; i < palette.length; i++) {
      int o = at + 3 * i;
      palette[i] = (data[o] & 0xFF) << 16 | (data[o + 1] & 0xFF) << 8 | (data[o + 2] & 0xFF);
    }
  }

  private int channels() {
    return switch (colorType) {
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> 1;
    };
  }

  private Raster pixels(byte[] compressed) {
    int[] argb = new int[width * height];
    int bitsPerPixel = channels() * bitDepth;
    int bpp = Math.max(1, bitsPerPixel / 8);
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      if (!interlaced) {
        pass(inflater, argb, 0, 0, 1, 1, width, height, bitsPerPixel, bpp);
      } else {
        for (int[] p : ADAM7) {
          int w = (width - p[0] + p[2] - 1) / p[2];
          int h = (height - p[1] + p[3] - 1) / p[3];
          if (w > 0 && h > 0) {
            pass(inflater, argb, p[0], p[1], p[2], p[3], w, h, bitsPerPixel, bpp);
          }
        }
      }
    } finally {
      inflater.end();
    }
    return Raster.wrap(width, height, argb);
  }

  /** Inflates, unfilters and converts one (sub)image of {@code w × h} pixels. */
  private void pass(
      Inflater inflater,
      int[] argb,
      int x0,
      int y0,
      int dx,
      int dy,
      int w,
      int h,
      int bitsPerPixel,
      int bpp) {
    int rowBytes = (int) (((long) w * bitsPerPixel + 7) / 8);
    byte[] previous = new byte[rowBytes];
    byte[] row = new byte[rowBytes];
    byte[] filter = new byte[1];
    for (int y = 0; y < h; y++) {
      inflateFully(inflater, filter);
      inflateFully(inflater, row);
      unfilter(filter[0] & 0xFF, row, previous, bpp);
      int target = (y0 + y * dy) * width;
      for (int x = 0; x < w; x++) {
        argb[target + x0 + x * dx] = pixel(row, x);
      }
      byte[] t = previous;
      previous = row;
      row = t;
    }
  }

  private static void inflateFully(Inflater inflater, byte[] buffer) {
    int n = 0;
    try {
      while (n < buffer.length) {
        int got = inflater.inflate(buffer, n, buffer.length - n);
        if (got == 0
            && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          throw ImageException.damaged("the image data ends early");
        }
        n += got;
      }
    } catch (DataFormatException e) {
      throw ImageException.damaged("the image data cannot be decompressed");
    }
  }

  private static void unfilter(int type, byte[] row, byte[] prev, int bpp) {
    switch (type) {
      case 0 -> {}
      case 1 -> {
        for (int i = bpp; i < row.length; i++) {
          row[i] += row[i - bpp];
        }
      }
      case 2 -> {
        for (int i = 0; i < row.length; i++) {
          row[i] += prev[i];
        }
      }
      case 3 -> {
        for (int i = 0; i < row.length; i++) {
          int left = i >= bpp ? row[i - bpp] & 0xFF : 0;
          row[i] += (byte) ((left + (prev[i] & 0xFF)) >>> 1);
        }
      }
      case 4 -> {
        for (int i = 0; i < row.length; i++) {
          int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
          int b = prev[i] & 0xFF;
          int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
          row[i] += (byte) paeth(a, b, c);
        }
      }
      default -> throw ImageException.damaged("unknown filter type " + type);
    }
  }

  /** The Paeth predictor (ISO/IEC 15948 §9.4). */
  static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }

  /** The ARGB value of pixel {@code x} of an unfiltered row. */
  private int pixel(byte[] row, int x) {
    return switch (colorType) {
      case 0 -> {
        int v = sample(row, x, 0);
        int alpha =
            transparency != null && transparency.length >= 2 && v == u16(transparency, 0)
                ? 0
                : 0xFF;
        int g = to8(v);
        yield alpha << 24 | g << 16 | g << 8 | g;
      }
      case 2 -> {
        int r = sample(row, x, 0);
        int g = sample(row, x, 1);
        int b = sample(row, x, 2);
        boolean clear =
            transparency != null
                && transparency.length >= 6
                && r == u16(transparency, 0)
                && g == u16(transparency, 2)
                && b == u16(transparency, 4);
        yield (clear ? 0 : 0xFF << 24) | to8(r) << 16 | to8(g) << 8 | to8(b);
      }
      case 3 -> {
        int i = sample(row, x, 0);
        if (i >= palette.length) {
          throw ImageException.damaged("a pixel refers to a colour the palette does not have");
        }
        int alpha = transparency != null && i < transparency.length ? transparency[i] & 0xFF : 0xFF;
        yield alpha << 24 | palette[i];
      }
      case 4 -> {
        int g = to8(sample(row, x, 0));
        yield to8(sample(row, x, 1)) << 24 | g << 16 | g << 8 | g;
      }
      default ->
          to8(sample(row, x, 3)) << 24
              | to8(sample(row, x, 0)) << 16
              | to8(sample(row, x, 1)) << 8
              | to8(sample(row, x, 2));
    };
  }

  /** Channel {@code c} of pixel {@code x}, at the image's bit depth. */
  private int sample(byte[] row, int x, int c) {
    return switch (bitDepth) {
      case 8 -> row[x * channels() + c] & 0xFF;
      case 16 -> u16(row, 2 * (x * channels() + c));
      default -> {
        int bit = x * bitDepth;
        int shift = 8 - bitDepth - (bit & 7);
        yield (row[bit >>> 3] >> shift) & ((1 << bitDepth) - 1);
      }
    };
  }

  /** A sample scaled to 8 bits. */
  private int to8(int v) {
    return switch (bitDepth) {
      case 16 -> v >>> 8;
      case 8 -> v;
      default -> v * 255 / ((1 << bitDepth) - 1);
    };
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }

  private int readInt(int at) {
    return (data[at] & 0xFF) << 24
        | (data[at + 1] & 0xFF) << 16
        | (data[at + 2] & 0xFF) << 8
        | (data[at + 3] & 0xFF);
  }

  private static String printable(String type) {
    return type.chars().allMatch(c -> c >= 'A' && c <= 'z' && Character.isLetter(c))
        ? type
        : "unnamed";
  }
}
