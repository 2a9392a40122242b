package io.pocketid.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decoded pixels: {@code width × height} non-premultiplied ARGB values ({@code 0xAARRGGBB}), row by
 * row from the top left. Immutable: the pixel array is copied in and out, and every operation
 * returns a new raster.
 *
 * <p>Resizing works on premultiplied colours (so transparent pixels do not darken their
 * neighbours): shrinking averages the source area each target pixel covers (a box filter),
 * enlarging interpolates bilinearly. Each axis is resized on its own.
 */
public final class Raster {
  private final int width;
  private final int height;
  private final int[] argb;

  /**
   * A raster of the given pixels.
   *
   * @throws IllegalArgumentException when a dimension is not positive or {@code argb} does not hold
   *     exactly {@code width × height} pixels
   */
  public Raster(int width, int height, int[] argb) {
    this(Objects.requireNonNull(argb, "argb").clone(), width, height);
  }

  private Raster(int[] argb, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("dimensions must be positive: " + width + "×" + height);
    }
    if ((long) width * height != argb.length) {
      throw new IllegalArgumentException(
          "expected " + (long) width * height + " pixels, got " + argb.length);
    }
    this.width = width;
    this.height = height;
    this.argb = argb;
  }

  /** A raster that takes ownership of {@code argb} (no copy); for the decoders. */
  static Raster wrap(int width, int height, int[] argb) {
    return new Raster(argb, width, height);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** A copy of the pixels, row by row. */
  public int[] argb() {
    return argb.clone();
  }

  /** The pixel at column {@code x}, row {@code y}. */
  public int pixel(int x, int y) {
    Objects.checkIndex(x, width);
    Objects.checkIndex(y, height);
    return argb[y * width + x];
  }

  /** The pixels without a copy; callers in this package must not change them. */
  int[] pixels() {
    return argb;
  }

  /** Whether every pixel is fully opaque. */
  public boolean opaque() {
    for (int p : argb) {
      if (p >>> 24 != 0xFF) {
        return false;
      }
    }
    return true;
  }

  /**
   * The largest centred square of this raster, resized to {@code size × size}: a profile picture or
   * an icon from a picture of any shape.
   */
  public Raster coverSquare(int size) {
    requirePositive(size, "size");
    int side = Math.min(width, height);
    return crop((width - side) / 2, (height - side) / 2, side, side).resize(size, size);
  }

  /**
   * This raster scaled down, keeping its aspect ratio, to fit in {@code maxWidth × maxHeight}; this
   * raster itself when it already fits (never enlarged).
   */
  public Raster fit(int maxWidth, int maxHeight) {
    requirePositive(maxWidth, "maxWidth");
    requirePositive(maxHeight, "maxHeight");
    if (width <= maxWidth && height <= maxHeight) {
      return this;
    }
    double scale = Math.min((double) maxWidth / width, (double) maxHeight / height);
    int w = (int) Math.max(1, Math.min(maxWidth, Math.round(width * scale)));
    int h = (int) Math.max(1, Math.min(maxHeight, Math.round(height * scale)));
    return resize(w, h);
  }

  /** The rectangle at ({@code x}, {@code y}) of {@code w × h} pixels. */
  public Raster crop(int x, int y, int w, int h) {
    requirePositive(w, "w");
    requirePositive(h, "h");
    Objects.checkFromIndexSize(x, w, width);
    Objects.checkFromIndexSize(y, h, height);
    if (x == 0 && y == 0 && w == width && h == height) {
      return this;
    }
    int[] out = new int[w * h];
    for (int row = 0; row < h; row++) {
      System.arraycopy(argb, (y + row) * width + x, out, row * w, w);
    }
    return new Raster(out, w, h);
  }

  /** This raster resized to exactly {@code w × h} pixels (the aspect ratio may change). */
  public Raster resize(int w, int h) {
    requirePositive(w, "w");
    requirePositive(h, "h");
    if (w == width && h == height) {
      return this;
    }
    // Horizontal pass into premultiplied float channels (w × height), then the vertical pass.
    Weights wx = Weights.of(width, w);
    float[] mid = new float[4 * w * height];
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < w; x++) {
        float a = 0;
        float r = 0;
        float g = 0;
        float b = 0;
        for (int k = wx.start[x]; k < wx.start[x + 1]; k++) {
          int p = argb[row + wx.index[k]];
          float weight = wx.weight[k];
          float pa = (p >>> 24) * weight;
          a += pa;
          r += ((p >> 16) & 0xFF) * pa;
          g += ((p >> 8) & 0xFF) * pa;
          b += (p & 0xFF) * pa;
        }
        int o = 4 * (y * w + x);
        mid[o] = a;
        mid[o + 1] = r;
        mid[o + 2] = g;
        mid[o + 3] = b;
      }
    }
    Weights wy = Weights.of(height, h);
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float a = 0;
        float r = 0;
        float g = 0;
        float b = 0;
        for (int k = wy.start[y]; k < wy.start[y + 1]; k++) {
          int o = 4 * (wy.index[k] * w + x);
          float weight = wy.weight[k];
          a += mid[o] * weight;
          r += mid[o + 1] * weight;
          g += mid[o + 2] * weight;
          b += mid[o + 3] * weight;
        }
        out[y * w + x] = unpremultiply(a, r, g, b);
      }
    }
    return new Raster(out, w, h);
  }

  /**
   * This raster turned upright according to an EXIF orientation (1 to 8; anything else leaves it as
   * it is).
   */
  Raster oriented(int orientation) {
    if (orientation < 2 || orientation > 8) {
      return this;
    }
    boolean swap = orientation >= 5;
    int w = swap ? height : width;
    int h = swap ? width : height;
    int[] out = new int[argb.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int dx;
        int dy;
        switch (orientation) {
          case 2 -> {
            dx = width - 1 - x;
            dy = y;
          }
          case 3 -> {
            dx = width - 1 - x;
            dy = height - 1 - y;
          }
          case 4 -> {
            dx = x;
            dy = height - 1 - y;
          }
          case 5 -> {
            dx = y;
            dy = x;
          }
          case 6 -> {
            dx = height - 1 - y;
            dy = x;
          }
          case 7 -> {
            dx = height - 1 - y;
            dy = width - 1 - x;
          }
          default -> {
            dx = y;
            dy = width - 1 - x;
          }
        }
        out[dy * w + dx] = argb[y * width + x];
      }
    }
    return new Raster(out, w, h);
  }

  private static int unpremultiply(float a, float r, float g, float b) {
    int alpha = clamp(Math.round(a));
    if (a <= 0) {
      return 0;
    }
    return alpha << 24
        | clamp(Math.round(r / a)) << 16
        | clamp(Math.round(g / a)) << 8
        | clamp(Math.round(b / a));
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }

  private static void requirePositive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Raster r
        && r.width == width
        && r.height == height
        && Arrays.equals(r.argb, argb);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(argb);
  }

  @Override
  public String toString() {
    return "Raster[" + width + "×" + height + "]";
  }

  /**
   * The source pixels and weights of each target pixel along one axis, in compressed-row form: the
   * contributions to target {@code i} are {@code index[start[i]..start[i+1])}.
   */
  private static final class Weights {
    final int[] start;
    final int[] index;
    final float[] weight;

    private Weights(int[] start, int[] index, float[] weight) {
      this.start = start;
      this.index = index;
      this.weight = weight;
    }

    static Weights of(int from, int to) {
      return to < from ? box(from, to) : bilinear(from, to);
    }

    /** Each target pixel averages the source interval it covers, partial pixels pro rata. */
    private static Weights box(int from, int to) {
      double scale = (double) from / to;
      int per = (int) Math.ceil(scale) + 1;
      int[] start = new int[to + 1];
      int[] index = new int[to * per];
      float[] weight = new float[to * per];
      int n = 0;
      for (int i = 0; i < to; i++) {
        start[i] = n;
        double lo = i * scale;
        double hi = Math.min(from, (i + 1) * scale);
        for (int j = (int) Math.floor(lo); j < hi && j < from; j++) {
          double overlap = Math.min(hi, j + 1) - Math.max(lo, j);
          if (overlap > 0) {
            index[n] = j;
            weight[n] = (float) (overlap / scale);
            n++;
          }
        }
      }
      start[to] = n;
      return new Weights(start, index, weight);
    }

    /** Each target pixel interpolates the two source pixels around its centre. */
    private static Weights bilinear(int from, int to) {
      int[] start = new int[to + 1];
      int[] index = new int[to * 2];
      float[] weight = new float[to * 2];
      double scale = (double) from / to;
      for (int i = 0; i < to; i++) {
        double x = Math.max(0, Math.min(from - 1, (i + 0.5) * scale - 0.5));
        int j = (int) Math.floor(x);
        float f = (float) (x - j);
        int k = Math.min(j + 1, from - 1);
        start[i] = 2 * i;
        index[2 * i] = j;
        weight[2 * i] = 1 - f;
        index[2 * i + 1] = k;
        weight[2 * i + 1] = f;
      }
      start[to] = 2 * to;
      return new Weights(start, index, weight);
    }
  }
}
