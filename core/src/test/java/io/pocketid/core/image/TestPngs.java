package io.pocketid.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A test-only PNG writer for any colour type, bit depth and interlacing, cycling through the five
 * filter types row by row, with the compressed data split over several IDAT chunks.
 */
final class TestPngs {
  private static final int[][] ADAM7 = {
    {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}
  };

  private TestPngs() {}

  /**
   * A PNG of {@code samples[y][x * channels + c]} (each at the bit depth).
   *
   * @param extra chunks written before the image data, each as {type, body}
   */
  static byte[] png(
      int width,
      int height,
      int colorType,
      int bitDepth,
      boolean interlaced,
      int[][] samples,
      byte[] plte,
      byte[] trns,
      byte[]... extra) {
    int channels =
        switch (colorType) {
          case 2 -> 3;
          case 4 -> 2;
          case 6 -> 4;
          default -> 1;
        };
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    if (interlaced) {
      for (int[] p : ADAM7) {
        int w = (width - p[0] + p[2] - 1) / p[2];
        int h = (height - p[1] + p[3] - 1) / p[3];
        if (w == 0 || h == 0) {
          continue;
        }
        int[][] sub = new int[h][w * channels];
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            System.arraycopy(
                samples[p[1] + y * p[3]],
                (p[0] + x * p[2]) * channels,
                sub[y],
                x * channels,
                channels);
          }
        }
        writeRows(raw, sub, w, channels, bitDepth);
      }
    } else {
      writeRows(raw, samples, width, channels, bitDepth);
    }
    Deflater deflater = new Deflater();
    deflater.setInput(raw.toByteArray());
    deflater.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!deflater.finished()) {
      z.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    byte[] compressed = z.toByteArray();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = (byte) bitDepth;
    ihdr[9] = (byte) colorType;
    ihdr[12] = (byte) (interlaced ? 1 : 0);
    chunk(out, "IHDR", ihdr);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      chunk(out, new String(extra[i], StandardCharsets.ISO_8859_1), extra[i + 1]);
    }
    if (plte != null) {
      chunk(out, "PLTE", plte);
    }
    if (trns != null) {
      chunk(out, "tRNS", trns);
    }
    for (int at = 0; at < compressed.length; at += 16) {
      byte[] part = new byte[Math.min(16, compressed.length - at)];
      System.arraycopy(compressed, at, part, 0, part.length);
      chunk(out, "IDAT", part);
    }
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void writeRows(
      ByteArrayOutputStream raw, int[][] rows, int width, int channels, int bitDepth) {
    int bitsPerPixel = channels * bitDepth;
    int bpp = Math.max(1, bitsPerPixel / 8);
    int rowBytes = (width * bitsPerPixel + 7) / 8;
    byte[] previous = new byte[rowBytes];
    for (int y = 0; y < rows.length; y++) {
      byte[] row = new byte[rowBytes];
      for (int i = 0; i < width * channels; i++) {
        int v = rows[y][i];
        if (bitDepth == 16) {
          row[2 * i] = (byte) (v >> 8);
          row[2 * i + 1] = (byte) v;
        } else if (bitDepth == 8) {
          row[i] = (byte) v;
        } else {
          int bit = i * bitDepth;
          row[bit / 8] |= (byte) (v << (8 - bitDepth - bit % 8));
        }
      }
      int type = y % 5;
      raw.write(type);
      for (int i = 0; i < rowBytes; i++) {
        int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
        int b = previous[i] & 0xFF;
        int c = i >= bpp ? previous[i - bpp] & 0xFF : 0;
        int predicted =
            switch (type) {
              case 0 -> 0;
              case 1 -> a;
              case 2 -> b;
              case 3 -> (a + b) / 2;
              default -> PngDecoder.paeth(a, b, c);
            };
        raw.write((row[i] - predicted) & 0xFF);
      }
      previous = row;
    }
  }

  static void chunk(ByteArrayOutputStream out, String type, byte[] body) {
    byte[] len = new byte[4];
    putInt(len, 0, body.length);
    out.writeBytes(len);
    byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(name);
    out.writeBytes(body);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(body);
    byte[] sum = new byte[4];
    putInt(sum, 0, (int) crc.getValue());
    out.writeBytes(sum);
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
