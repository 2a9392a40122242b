package io.pocketid.core.image;

/**
 * JPEG (ITU-T T.81): baseline and extended sequential Huffman-coded frames with 8-bit samples,
 * interleaved or not, any sampling factors, restart intervals; one (greyscale) or three (YCbCr, or
 * RGB when an Adobe marker says so) components. The EXIF orientation (APP1, tag 0x0112) is applied
 * so the result is upright. Chroma is upsampled by nearest neighbour; the inverse DCT is the exact
 * separable one in floating point.
 */
final class JpegDecoder {
  /** The natural (row-major) index of each zig-zag position. */
  private static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  /** {@code COS[x * 8 + u] = C(u) / 2 · cos((2x + 1)uπ / 16)}. */
  private static final float[] COS = new float[64];

  static {
    for (int x = 0; x < 8; x++) {
      for (int u = 0; u < 8; u++) {
        double c = u == 0 ? Math.sqrt(0.5) : 1;
        COS[x * 8 + u] = (float) (c / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16));
      }
    }
  }

  private final byte[] data;
  private final ImageLimits limits;
  private int pos;
  private final int[][] quantization = new int[4][];
  private final Huffman[] dcTables = new Huffman[4];
  private final Huffman[] acTables = new Huffman[4];
  private Component[] components;
  private int width;
  private int height;
  private int maxH;
  private int maxV;
  private int mcusX;
  private int mcusY;
  private int restartInterval;
  private int orientation = 1;
  private int adobeTransform = -1;
  private boolean scanned;

  // Entropy-coded data reader state.
  private int bitBuffer;
  private int bitCount;
  private boolean atMarker;

  JpegDecoder(byte[] data, ImageLimits limits) {
    this.data = data;
    this.limits = limits;
  }

  Raster decode() {
    pos = 2;
    while (true) {
      int marker = nextMarker();
      if (marker == 0xD9) {
        break;
      }
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
        continue;
      }
      int length = u16(pos);
      if (length < 2) {
        throw ImageException.damaged("bad segment length");
      }
      int start = pos + 2;
      int end = pos + length;
      if (end > data.length) {
        throw ImageException.damaged("the file ends early");
      }
      switch (marker) {
        case 0xC0, 0xC1 -> frame(start);
        case 0xC2 ->
            throw new ImageException(
                "Progressive JPEG is not supported; save the picture as PNG or baseline JPEG");
        case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
            throw new ImageException(
                "This kind of JPEG (lossless, hierarchical or arithmetic-coded) is not supported;"
                    + " save the picture as PNG or baseline JPEG");
        case 0xC4 -> huffmanTables(start, end);
        case 0xDB -> quantizationTables(start, end);
        case 0xDD -> restartInterval = u16(start);
        case 0xE1 -> exif(start, end);
        case 0xEE -> adobe(start, end);
        case 0xDA -> {
          pos = scan(start);
          continue;
        }
        default -> {}
      }
      pos = end;
    }
    if (!scanned) {
      throw ImageException.damaged("the file has no image data");
    }
    return pixels().oriented(orientation);
  }

  /** Skips to the next marker and returns its code, leaving {@code pos} after it. */
  private int nextMarker() {
    if ((data[pos] & 0xFF) != 0xFF) {
      throw ImageException.damaged("a marker is missing");
    }
    while ((data[pos] & 0xFF) == 0xFF) {
      pos++;
    }
    return data[pos++] & 0xFF;
  }

  private void frame(int at) {
    if (components != null) {
      throw ImageException.damaged("more than one frame");
    }
    if ((data[at] & 0xFF) != 8) {
      throw new ImageException(
          "JPEG with "
              + (data[at] & 0xFF)
              + "-bit samples is not supported; save the picture"
              + " as PNG or 8-bit JPEG");
    }
    height = u16(at + 1);
    width = u16(at + 3);
    if (height == 0) {
      throw new ImageException("This kind of JPEG (height defined later) is not supported");
    }
    limits.checkDimensions(width, height);
    int n = data[at + 5] & 0xFF;
    if (n == 4) {
      throw new ImageException("CMYK JPEG is not supported; save the picture as RGB");
    }
    if (n != 1 && n != 3) {
      throw ImageException.damaged(n + " colour components");
    }
    components = new Component[n];
    for (int i = 0; i < n; i++) {
      int o = at + 6 + 3 * i;
      int h = (data[o + 1] & 0xFF) >> 4;
      int v = data[o + 1] & 0x0F;
      int q = data[o + 2] & 0xFF;
      if (h < 1 || h > 4 || v < 1 || v > 4 || q > 3) {
        throw ImageException.damaged("bad component");
      }
      components[i] = new Component(data[o] & 0xFF, h, v, q);
      maxH = Math.max(maxH, h);
      maxV = Math.max(maxV, v);
    }
    mcusX = (width + 8 * maxH - 1) / (8 * maxH);
    mcusY = (height + 8 * maxV - 1) / (8 * maxV);
    for (Component c : components) {
      c.blocksWide = (int) Math.ceil(Math.ceil(width * c.h / (double) maxH) / 8);
      c.blocksHigh = (int) Math.ceil(Math.ceil(height * c.v / (double) maxV) / 8);
      c.stride = mcusX * c.h * 8;
      c.plane = new byte[c.stride * mcusY * c.v * 8];
    }
  }

  private void huffmanTables(int at, int end) {
    while (at < end) {
      int tc = (data[at] & 0xFF) >> 4;
      int th = data[at] & 0x0F;
      if (tc > 1 || th > 3) {
        throw ImageException.damaged("bad Huffman table");
      }
      int[] counts = new int[17];
      int total = 0;
      for (int i = 1; i <= 16; i++) {
        counts[i] = data[at + i] & 0xFF;
        total += counts[i];
      }
      if (total > 256 || at + 17 + total > end) {
        throw ImageException.damaged("bad Huffman table");
      }
      int[] symbols = new int[total];
      for (int i = 0; i < total; i++) {
        symbols[i] = data[at + 17 + i] & 0xFF;
      }
      (tc == 0 ? dcTables : acTables)[th] = new Huffman(counts, symbols);
      at += 17 + total;
    }
  }

  private void quantizationTables(int at, int end) {
    while (at < end) {
      int precision = (data[at] & 0xFF) >> 4;
      int id = data[at] & 0x0F;
      if (precision > 1 || id > 3) {
        throw ImageException.damaged("bad quantization table");
      }
      int[] table = new int[64];
      for (int k = 0; k < 64; k++) {
        table[k] = precision == 0 ? data[at + 1 + k] & 0xFF : u16(at + 1 + 2 * k);
      }
      quantization[id] = table;
      at += 1 + 64 * (precision + 1);
    }
  }

  /** The EXIF orientation, if the APP1 segment holds one; anything malformed is ignored. */
  private void exif(int at, int end) {
    if (end - at < 14
        || data[at] != 'E'
        || data[at + 1] != 'x'
        || data[at + 2] != 'i'
        || data[at + 3] != 'f'
        || data[at + 4] != 0
        || data[at + 5] != 0) {
      return;
    }
    int tiff = at + 6;
    boolean little = data[tiff] == 'I' && data[tiff + 1] == 'I';
    if (!little && !(data[tiff] == 'M' && data[tiff + 1] == 'M')) {
      return;
    }
    long ifd = tiff + (exifInt(tiff + 4, little) & 0xFFFFFFFFL);
    if (ifd + 2 > end) {
      return;
    }
    int entries = exifShort((int) ifd, little);
    for (int i = 0; i < entries; i++) {
      int e = (int) ifd + 2 + 12 * i;
      if (e + 12 > end) {
        return;
      }
      if (exifShort(e, little) == 0x0112 && exifShort(e + 2, little) == 3) {
        int value = exifShort(e + 8, little);
        orientation = value >= 1 && value <= 8 ? value : 1;
        return;
      }
    }
  }

  private int exifShort(int at, boolean little) {
    int a = data[at] & 0xFF;
    int b = data[at + 1] & 0xFF;
    return little ? b << 8 | a : a << 8 | b;
  }

  private int exifInt(int at, boolean little) {
    int hi = exifShort(little ? at + 2 : at, little);
    int lo = exifShort(little ? at : at + 2, little);
    return hi << 16 | lo;
  }

  private void adobe(int at, int end) {
    if (end - at >= 12
        && data[at] == 'A'
        && data[at + 1] == 'd'
        && data[at + 2] == 'o'
        && data[at + 3] == 'b'
        && data[at + 4] == 'e') {
      adobeTransform = data[at + 11] & 0xFF;
    }
  }

  /** Decodes one scan; returns the position of the marker that follows its entropy-coded data. */
  private int scan(int at) {
    if (components == null) {
      throw ImageException.damaged("image data before the frame header");
    }
    int n = data[at] & 0xFF;
    if (n < 1 || n > components.length) {
      throw ImageException.damaged("bad scan header");
    }
    Component[] inScan = new Component[n];
    for (int i = 0; i < n; i++) {
      int id = data[at + 1 + 2 * i] & 0xFF;
      int tables = data[at + 2 + 2 * i] & 0xFF;
      Component c = component(id);
      c.dc = table(dcTables, tables >> 4);
      c.ac = table(acTables, tables & 0x0F);
      c.quantization = quantization[c.q];
      if (c.quantization == null) {
        throw ImageException.damaged("a quantization table is missing");
      }
      c.prediction = 0;
      inScan[i] = c;
    }
    pos = at + 1 + 2 * n + 3;
    bitCount = 0;
    atMarker = false;
    int[] block = new int[64];
    int units;
    if (n == 1) {
      Component c = inScan[0];
      units = c.blocksWide * c.blocksHigh;
      for (int u = 0; u < units; u++) {
        restartIfDue(u, inScan);
        decodeBlock(c, block, u / c.blocksWide, u % c.blocksWide);
      }
    } else {
      units = mcusX * mcusY;
      for (int u = 0; u < units; u++) {
        restartIfDue(u, inScan);
        int mcuY = u / mcusX;
        int mcuX = u % mcusX;
        for (Component c : inScan) {
          for (int v = 0; v < c.v; v++) {
            for (int h = 0; h < c.h; h++) {
              decodeBlock(c, block, mcuY * c.v + v, mcuX * c.h + h);
            }
          }
        }
      }
    }
    scanned = true;
    int p = pos;
    while (!((data[p] & 0xFF) == 0xFF
        && data[p + 1] != 0
        && (data[p + 1] & 0xFF) != 0xFF
        && ((data[p + 1] & 0xFF) < 0xD0 || (data[p + 1] & 0xFF) > 0xD7))) {
      p++;
    }
    return p;
  }

  private Component component(int id) {
    for (Component c : components) {
      if (c.id == id) {
        return c;
      }
    }
    throw ImageException.damaged("a scan refers to an unknown component");
  }

  private static Huffman table(Huffman[] tables, int id) {
    if (id > 3 || tables[id] == null) {
      throw ImageException.damaged("a Huffman table is missing");
    }
    return tables[id];
  }

  /** At the start of every restart interval but the first: the RSTn marker, reset predictions. */
  private void restartIfDue(int unit, Component[] inScan) {
    if (restartInterval == 0 || unit == 0 || unit % restartInterval != 0) {
      return;
    }
    bitCount = 0;
    atMarker = false;
    while ((data[pos] & 0xFF) != 0xFF || (data[pos + 1] & 0xFF) == 0) {
      pos++;
    }
    while ((data[pos + 1] & 0xFF) == 0xFF) {
      pos++;
    }
    int marker = data[pos + 1] & 0xFF;
    if (marker < 0xD0 || marker > 0xD7) {
      throw ImageException.damaged("a restart marker is missing");
    }
    pos += 2;
    for (Component c : inScan) {
      c.prediction = 0;
    }
  }

  private void decodeBlock(Component c, int[] block, int blockRow, int blockColumn) {
    java.util.Arrays.fill(block, 0);
    int t = c.dc.decode(this);
    int diff = t == 0 ? 0 : extend(receive(t), t);
    c.prediction += diff;
    int[] q = c.quantization;
    block[0] = c.prediction * q[0];
    for (int k = 1; k < 64; ) {
      int rs = c.ac.decode(this);
      int r = rs >> 4;
      int s = rs & 15;
      if (s == 0) {
        if (r != 15) {
          break;
        }
        k += 16;
        continue;
      }
      k += r;
      if (k > 63) {
        throw ImageException.damaged("bad coefficient");
      }
      block[ZIGZAG[k]] = extend(receive(s), s) * q[k];
      k++;
    }
    idct(block, c.plane, c.stride, blockRow * 8 * c.stride + blockColumn * 8);
  }

  /** The inverse DCT of a dequantized block, level-shifted and clamped into a plane. */
  private static void idct(int[] block, byte[] plane, int stride, int offset) {
    float[] rows = new float[64];
    for (int v = 0; v < 8; v++) {
      for (int x = 0; x < 8; x++) {
        float sum = 0;
        for (int u = 0; u < 8; u++) {
          int f = block[v * 8 + u];
          if (f != 0) {
            sum += COS[x * 8 + u] * f;
          }
        }
        rows[v * 8 + x] = sum;
      }
    }
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        float sum = 0;
        for (int v = 0; v < 8; v++) {
          sum += COS[y * 8 + v] * rows[v * 8 + x];
        }
        int value = Math.round(sum) + 128;
        plane[offset + y * stride + x] = (byte) (value < 0 ? 0 : Math.min(value, 255));
      }
    }
  }

  /** The next bit of entropy-coded data (zeros once a marker is reached). */
  int bit() {
    if (bitCount == 0) {
      int b = 0;
      if (!atMarker) {
        b = data[pos] & 0xFF;
        if (b == 0xFF) {
          if (data[pos + 1] == 0) {
            pos += 2;
          } else {
            atMarker = true;
            b = 0;
          }
        } else {
          pos++;
        }
      }
      bitBuffer = b;
      bitCount = 8;
    }
    bitCount--;
    return (bitBuffer >> bitCount) & 1;
  }

  private int receive(int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 1 | bit();
    }
    return v;
  }

  private static int extend(int v, int n) {
    return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
  }

  private Raster pixels() {
    int[] argb = new int[width * height];
    if (components.length == 1) {
      Component c = components[0];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int g = c.sample(x, y, maxH, maxV);
          argb[y * width + x] = 0xFF000000 | g << 16 | g << 8 | g;
        }
      }
      return Raster.wrap(width, height, argb);
    }
    Component c0 = components[0];
    Component c1 = components[1];
    Component c2 = components[2];
    boolean rgb = adobeTransform == 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int a = c0.sample(x, y, maxH, maxV);
        int b = c1.sample(x, y, maxH, maxV);
        int c = c2.sample(x, y, maxH, maxV);
        argb[y * width + x] = rgb ? 0xFF000000 | a << 16 | b << 8 | c : ycc(a, b, c);
      }
    }
    return Raster.wrap(width, height, argb);
  }

  /** JFIF YCbCr to opaque ARGB. */
  private static int ycc(int y, int cb, int cr) {
    float u = cb - 128f;
    float v = cr - 128f;
    int r = clamp(Math.round(y + 1.402f * v));
    int g = clamp(Math.round(y - 0.344136f * u - 0.714136f * v));
    int b = clamp(Math.round(y + 1.772f * u));
    return 0xFF000000 | r << 16 | g << 8 | b;
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }

  private int u16(int at) {
    return (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
  }

  /** A colour component of the frame and its decoded samples. */
  private static final class Component {
    final int id;
    final int h;
    final int v;
    final int q;
    int blocksWide;
    int blocksHigh;
    int stride;
    byte[] plane;
    Huffman dc;
    Huffman ac;
    int[] quantization;
    int prediction;

    Component(int id, int h, int v, int q) {
      this.id = id;
      this.h = h;
      this.v = v;
      this.q = q;
    }

    /** The sample covering image pixel ({@code x}, {@code y}). */
    int sample(int x, int y, int maxH, int maxV) {
      return plane[(y * v / maxV) * stride + x * h / maxH] & 0xFF;
    }
  }

  /** A Huffman table in the canonical form of T.81 Annex C, decoded bit by bit (F.2.2.3). */
  private static final class Huffman {
    private final int[] maxCode = new int[18];
    private final int[] valueOffset = new int[17];
    private final int[] symbols;

    Huffman(int[] counts, int[] symbols) {
      this.symbols = symbols;
      int code = 0;
      int k = 0;
      for (int length = 1; length <= 16; length++) {
        valueOffset[length] = k - code;
        code += counts[length];
        k += counts[length];
        maxCode[length] = counts[length] == 0 ? -1 : code - 1;
        code <<= 1;
      }
      maxCode[17] = Integer.MAX_VALUE;
    }

    int decode(JpegDecoder in) {
      int code = 0;
      for (int length = 1; length <= 16; length++) {
        code = code << 1 | in.bit();
        if (code <= maxCode[length]) {
          return symbols[code + valueOffset[length]];
        }
      }
      throw ImageException.damaged("bad Huffman code");
    }
  }
}
