package io.pocketid.core.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes a {@link Raster} as an 8-bit PNG: truecolour when every pixel is opaque, truecolour with
 * alpha otherwise; no ancillary chunks. Each row gets the filter whose output has the smallest sum
 * of absolute values (the heuristic the PNG specification suggests).
 */
public final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngEncoder() {}

  /** The PNG file of the raster. */
  public static byte[] encode(Raster raster) {
    Objects.requireNonNull(raster, "raster");
    boolean alpha = !raster.opaque();
    int channels = alpha ? 4 : 3;
    int width = raster.width();
    int height = raster.height();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    byte[] header = new byte[13];
    putInt(header, 0, width);
    putInt(header, 4, height);
    header[8] = 8;
    header[9] = (byte) (alpha ? 6 : 2);
    chunk(out, "IHDR", header);
    chunk(out, "IDAT", imageData(raster.pixels(), width, height, channels));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] imageData(int[] argb, int width, int height, int channels) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    int rowBytes = width * channels;
    byte[] previous = new byte[rowBytes];
    byte[] row = new byte[rowBytes];
    byte[][] candidates = new byte[5][rowBytes + 1];
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 65536)) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int p = argb[y * width + x];
          int o = x * channels;
          row[o] = (byte) (p >> 16);
          row[o + 1] = (byte) (p >> 8);
          row[o + 2] = (byte) p;
          if (channels == 4) {
            row[o + 3] = (byte) (p >>> 24);
          }
        }
        z.write(bestFilter(row, previous, channels, candidates));
        byte[] t = previous;
        previous = row;
        row = t;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return compressed.toByteArray();
  }

  /** The filtered row (filter type byte first) with the smallest sum of absolute values. */
  private static byte[] bestFilter(byte[] row, byte[] prev, int bpp, byte[][] candidates) {
    byte[] best = null;
    long bestSum = Long.MAX_VALUE;
    for (int type = 0; type < 5; type++) {
      byte[] f = candidates[type];
      f[0] = (byte) type;
      long sum = 0;
      for (int i = 0; i < row.length; i++) {
        int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
        int b = prev[i] & 0xFF;
        int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
        int predicted =
            switch (type) {
              case 0 -> 0;
              case 1 -> a;
              case 2 -> b;
              case 3 -> (a + b) >>> 1;
              default -> PngDecoder.paeth(a, b, c);
            };
        byte v = (byte) (row[i] - predicted);
        f[i + 1] = v;
        sum += Math.abs(v);
      }
      if (sum < bestSum) {
        bestSum = sum;
        best = f;
      }
    }
    return best;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] body) {
    byte[] head = new byte[8];
    putInt(head, 0, body.length);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, head, 4, 4);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(body);
    byte[] tail = new byte[4];
    putInt(tail, 0, (int) crc.getValue());
    out.writeBytes(head);
    out.writeBytes(body);
    out.writeBytes(tail);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
