package io.pocketid.core.image;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Generated profile pictures: one or two characters, dark on a light square. The glyphs (A–Z, 0–9
 * and {@code ?}) are a small stroke font drawn here, on a 4 × 6 grid; strokes are rendered with
 * round ends and anti-aliased by 4 × 4 supersampling, so they stay smooth at any size.
 */
public final class InitialsAvatar {
  private static final int BACKGROUND = 0xE4E4E7;
  private static final int FOREGROUND = 0x27272A;
  private static final int SUBSAMPLES = 4;

  /** Grid units between two glyphs. */
  private static final double GAP = 2;

  /** The glyph height as a share of the image size. */
  private static final double GLYPH_HEIGHT = 0.36;

  /** Half the stroke width, in grid units. */
  private static final double HALF_STROKE = 0.45;

  /** Glyph → polylines ("x,y x,y …", separated by "|"), on a grid 4 wide and 6 high, y down. */
  private static final Map<Character, double[][]> GLYPHS = new HashMap<>();

  static {
    String ring = "1,0 3,0 4,1 4,5 3,6 1,6 0,5 0,1 1,0";
    String[] defs = {
      "A0,6 2,0 4,6|0.7,4 3.3,4",
      "B0,0 0,6 3,6 4,5 4,4 3,3 0,3|0,0 3,0 4,1 4,2 3,3",
      "C4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5",
      "D0,0 0,6 2.5,6 4,4.5 4,1.5 2.5,0 0,0",
      "E4,0 0,0 0,6 4,6|0,3 3,3",
      "F4,0 0,0 0,6|0,3 3,3",
      "G4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5 4,3 2,3",
      "H0,0 0,6|4,0 4,6|0,3 4,3",
      "I1,0 3,0|2,0 2,6|1,6 3,6",
      "J4,0 4,5 3,6 1,6 0,5",
      "K0,0 0,6|4,0 0,4|1.4,2.6 4,6",
      "L0,0 0,6 4,6",
      "M0,6 0,0 2,3 4,0 4,6",
      "N0,6 0,0 4,6 4,0",
      "O" + ring,
      "P0,6 0,0 3,0 4,1 4,2 3,3 0,3",
      "Q" + ring + "|2.5,4.5 4,6",
      "R0,6 0,0 3,0 4,1 4,2 3,3 0,3|2,3 4,6",
      "S4,1 3,0 1,0 0,1 0,2 1,3 3,3 4,4 4,5 3,6 1,6 0,5",
      "T0,0 4,0|2,0 2,6",
      "U0,0 0,5 1,6 3,6 4,5 4,0",
      "V0,0 2,6 4,0",
      "W0,0 1,6 2,3 3,6 4,0",
      "X0,0 4,6|4,0 0,6",
      "Y0,0 2,3 4,0|2,3 2,6",
      "Z0,0 4,0 0,6 4,6",
      "0" + ring + "|3.5,1 0.5,5",
      "11,1 2,0 2,6|1,6 3,6",
      "20,1 1,0 3,0 4,1 4,2 0,6 4,6",
      "30,1 1,0 3,0 4,1 4,2 3,3 4,4 4,5 3,6 1,6 0,5|1.5,3 3,3",
      "43,6 3,0 0,4 4,4",
      "54,0 0,0 0,3 3,3 4,4 4,5 3,6 1,6 0,5",
      "64,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5 4,4 3,3 0,3",
      "70,0 4,0 1.5,6",
      "83,3 4,4 4,5 3,6 1,6 0,5 0,4 1,3 3,3 4,2 4,1 3,0 1,0 0,1 0,2 1,3",
      "90,5 1,6 3,6 4,5 4,1 3,0 1,0 0,1 0,2 1,3 4,3",
      "?0,1 1,0 3,0 4,1 4,2 2,3.5 2,4.5|2,6 2,6"
    };
    for (String def : defs) {
      GLYPHS.put(def.charAt(0), segments(def.substring(1)));
    }
  }

  private InitialsAvatar() {}

  /**
   * Pocket ID's initials: the first letters of the first and the last name when both are given,
   * else the first two characters of the username; upper case.
   */
  public static String initials(String firstName, String lastName, String username) {
    String first = strip(firstName);
    String last = strip(lastName);
    String initials;
    if (!first.isEmpty() && !last.isEmpty()) {
      initials =
          first.substring(0, first.offsetByCodePoints(0, 1))
              + last.substring(0, last.offsetByCodePoints(0, 1));
    } else {
      String name = strip(username).isEmpty() ? first + last : strip(username);
      initials =
          name.substring(
              0, name.offsetByCodePoints(0, Math.min(2, name.codePointCount(0, name.length()))));
    }
    return initials.toUpperCase(Locale.ROOT);
  }

  /**
   * A {@code size × size} PNG showing the first two of the initials' characters that the font has
   * (A–Z and 0–9, case-insensitive); {@code ?} when it has none of them.
   */
  public static byte[] png(String initials, int size) {
    return PngEncoder.encode(raster(initials, size));
  }

  /** The picture {@link #png(String, int)} encodes. */
  public static Raster raster(String initials, int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    String text = drawable(initials);
    double unit = size * GLYPH_HEIGHT / 6;
    double textWidth = (4 * text.length() + GAP * (text.length() - 1)) * unit;
    double left = (size - textWidth) / 2;
    double top = (size - 6 * unit) / 2;
    int[] argb = new int[size * size];
    java.util.Arrays.fill(argb, 0xFF000000 | BACKGROUND);
    double margin = (HALF_STROKE + 1) * unit;
    int x0 = (int) Math.max(0, Math.floor(left - margin));
    int x1 = (int) Math.min(size, Math.ceil(left + textWidth + margin));
    int y0 = (int) Math.max(0, Math.floor(top - margin));
    int y1 = (int) Math.min(size, Math.ceil(top + 6 * unit + margin));
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        int hits = 0;
        for (int sy = 0; sy < SUBSAMPLES; sy++) {
          for (int sx = 0; sx < SUBSAMPLES; sx++) {
            double gx = (x + (sx + 0.5) / SUBSAMPLES - left) / unit;
            double gy = (y + (sy + 0.5) / SUBSAMPLES - top) / unit;
            if (inked(text, gx, gy)) {
              hits++;
            }
          }
        }
        if (hits > 0) {
          argb[y * size + x] = blend(hits / (double) (SUBSAMPLES * SUBSAMPLES));
        }
      }
    }
    return Raster.wrap(size, size, argb);
  }

  /** The characters to draw: up to two the font has, upper-cased; else "?". */
  private static String drawable(String initials) {
    StringBuilder out = new StringBuilder(2);
    if (initials != null) {
      for (char c : initials.toUpperCase(Locale.ROOT).toCharArray()) {
        if (c != '?' && GLYPHS.containsKey(c) && out.length() < 2) {
          out.append(c);
        }
      }
    }
    return out.length() == 0 ? "?" : out.toString();
  }

  /** Whether the point (in grid units from the text's top left) lies on a stroke. */
  private static boolean inked(String text, double gx, double gy) {
    for (int i = 0; i < text.length(); i++) {
      double ox = i * (4 + GAP);
      double lx = gx - ox;
      if (lx < -HALF_STROKE || lx > 4 + HALF_STROKE) {
        continue;
      }
      for (double[] s : GLYPHS.get(text.charAt(i))) {
        if (distanceSquared(lx, gy, s) <= HALF_STROKE * HALF_STROKE) {
          return true;
        }
      }
    }
    return false;
  }

  /** The squared distance from a point to a segment {x1, y1, x2, y2}. */
  private static double distanceSquared(double px, double py, double[] s) {
    double dx = s[2] - s[0];
    double dy = s[3] - s[1];
    double lengthSquared = dx * dx + dy * dy;
    double t =
        lengthSquared == 0
            ? 0
            : Math.max(0, Math.min(1, ((px - s[0]) * dx + (py - s[1]) * dy) / lengthSquared));
    double ex = px - (s[0] + t * dx);
    double ey = py - (s[1] + t * dy);
    return ex * ex + ey * ey;
  }

  private static int blend(double coverage) {
    int r = mix(BACKGROUND >> 16, FOREGROUND >> 16, coverage);
    int g = mix((BACKGROUND >> 8) & 0xFF, (FOREGROUND >> 8) & 0xFF, coverage);
    int b = mix(BACKGROUND & 0xFF, FOREGROUND & 0xFF, coverage);
    return 0xFF000000 | r << 16 | g << 8 | b;
  }

  private static int mix(int from, int to, double t) {
    return (int) Math.round(from + (to - from) * t);
  }

  private static double[][] segments(String polylines) {
    java.util.List<double[]> out = new java.util.ArrayList<>();
    for (String line : polylines.split("\\|")) {
      String[] points = line.trim().split(" ");
      double[] previous = point(points[0]);
      if (points.length == 1) {
        out.add(new double[] {previous[0], previous[1], previous[0], previous[1]});
      }
      for (int i = 1; i < points.length; i++) {
        double[] p = point(points[i]);
        out.add(new double[] {previous[0], previous[1], p[0], p[1]});
        previous = p;
      }
    }
    return out.toArray(new double[0][]);
  }

  private static double[] point(String xy) {
    String[] parts = xy.split(",");
    return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }
}
