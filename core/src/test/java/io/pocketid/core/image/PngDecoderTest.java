package io.pocketid.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PngDecoderTest {
  private static final ImageLimits LIMITS = ImageLimits.uploads();

  static Stream<Arguments> formats() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (boolean interlaced : new boolean[] {false, true}) {
      for (int depth : new int[] {1, 2, 4, 8, 16}) {
        all.add(Arguments.of(0, depth, interlaced));
      }
      for (int depth : new int[] {1, 2, 4, 8}) {
        all.add(Arguments.of(3, depth, interlaced));
      }
      for (int type : new int[] {2, 4, 6}) {
        for (int depth : new int[] {8, 16}) {
          all.add(Arguments.of(type, depth, interlaced));
        }
      }
    }
    return all.build();
  }

  @ParameterizedTest(name = "colour type {0}, {1}-bit, interlaced {2}")
  @MethodSource("formats")
  void everyColourTypeAndBitDepthDecodes(int colorType, int depth, boolean interlaced) {
    int width = 13;
    int height = 11;
    int channels = colorType == 2 ? 3 : colorType == 4 ? 2 : colorType == 6 ? 4 : 1;
    int max = (1 << depth) - 1;
    int paletteSize = colorType == 3 ? Math.min(1 << depth, 10) : 0;
    int[][] samples = new int[height][width * channels];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < channels; c++) {
          int v = (x * 7919 + y * 104729 + c * 31337) % (max + 1);
          samples[y][x * channels + c] = colorType == 3 ? v % paletteSize : v;
        }
      }
    }
    byte[] plte = null;
    byte[] trns = null;
    int[] palette = new int[paletteSize];
    if (colorType == 3) {
      plte = new byte[3 * paletteSize];
      trns = new byte[paletteSize / 2];
      for (int i = 0; i < paletteSize; i++) {
        palette[i] = (i * 40) << 16 | (255 - i * 20) << 8 | (i * 13);
        plte[3 * i] = (byte) (palette[i] >> 16);
        plte[3 * i + 1] = (byte) (palette[i] >> 8);
        plte[3 * i + 2] = (byte) palette[i];
      }
      for (int i = 0; i < trns.length; i++) {
        trns[i] = (byte) (i * 50);
      }
    }
    int transparentGrey = samples[0][0];
    if (colorType == 0) {
      trns = new byte[] {(byte) (transparentGrey >> 8), (byte) transparentGrey};
    }

    Raster r =
        ImageDecoder.decode(
            TestPngs.png(width, height, colorType, depth, interlaced, samples, plte, trns), LIMITS);

    assertThat(r.width()).isEqualTo(width);
    assertThat(r.height()).isEqualTo(height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] s = Arrays.copyOfRange(samples[y], x * channels, (x + 1) * channels);
        int expected =
            switch (colorType) {
              case 0 -> (s[0] == transparentGrey ? 0 : 0xFF000000) | grey(to8(s[0], depth));
              case 2 ->
                  0xFF000000 | to8(s[0], depth) << 16 | to8(s[1], depth) << 8 | to8(s[2], depth);
              case 3 ->
                  (s[0] < trns.length ? (trns[s[0]] & 0xFF) << 24 : 0xFF000000) | palette[s[0]];
              case 4 -> to8(s[1], depth) << 24 | grey(to8(s[0], depth));
              default ->
                  to8(s[3], depth) << 24
                      | to8(s[0], depth) << 16
                      | to8(s[1], depth) << 8
                      | to8(s[2], depth);
            };
        assertThat(Integer.toHexString(r.pixel(x, y)))
            .as("pixel %d,%d", x, y)
            .isEqualTo(Integer.toHexString(expected));
      }
    }
  }

  private static int to8(int v, int depth) {
    return depth == 16 ? v >> 8 : v * 255 / ((1 << depth) - 1);
  }

  private static int grey(int g) {
    return g << 16 | g << 8 | g;
  }

  @Test
  void rgbTransparencyColourBecomesTransparent() {
    int[][] samples = {{10, 20, 30, 40, 50, 60}};
    byte[] trns = {0, 10, 0, 20, 0, 30};
    Raster r = ImageDecoder.decode(TestPngs.png(2, 1, 2, 8, false, samples, null, trns), LIMITS);
    assertThat(r.pixel(0, 0) >>> 24).isZero();
    assertThat(r.pixel(1, 0)).isEqualTo(0xFF28323C);
    assertThat(r.opaque()).isFalse();
  }

  @Test
  void encoderOutputRoundTripsExactly() {
    int[] opaque = new int[40 * 30];
    int[] translucent = new int[40 * 30];
    for (int i = 0; i < opaque.length; i++) {
      opaque[i] = 0xFF000000 | (i * 2654435761L > 0 ? (int) (i * 2654435761L) & 0xFFFFFF : i);
      translucent[i] = (i % 256) << 24 | (i * 7 & 0xFF) << 16 | (i * 13 & 0xFF) << 8 | (i & 0xFF);
      if (translucent[i] >>> 24 == 0) {
        translucent[i] = 0;
      }
    }
    for (int[] pixels : new int[][] {opaque, translucent}) {
      Raster source = new Raster(40, 30, pixels);
      byte[] png = PngEncoder.encode(source);
      assertThat(ImageFormat.detect(png)).contains(ImageFormat.PNG);
      assertThat(ImageDecoder.decode(png, LIMITS)).isEqualTo(source);
    }
  }

  @Test
  void encoderWritesRgbWhenOpaqueAndRgbaOtherwise() {
    byte[] opaque = PngEncoder.encode(new Raster(1, 1, new int[] {0xFF112233}));
    byte[] clear = PngEncoder.encode(new Raster(1, 1, new int[] {0x80112233}));
    assertThat(opaque[25]).isEqualTo((byte) 2);
    assertThat(clear[25]).isEqualTo((byte) 6);
    assertThat(opaque[24]).isEqualTo((byte) 8);
  }

  @Test
  void ancillaryChunksAreIgnored() {
    byte[] png =
        TestPngs.png(
            1,
            1,
            2,
            8,
            false,
            new int[][] {{1, 2, 3}},
            null,
            null,
            "tEXt".getBytes(StandardCharsets.ISO_8859_1),
            "Comment\0hello".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(ImageDecoder.decode(png, LIMITS).pixel(0, 0)).isEqualTo(0xFF010203);
  }

  @Test
  void unknownCriticalChunkIsRefused() {
    byte[] png =
        TestPngs.png(
            1,
            1,
            2,
            8,
            false,
            new int[][] {{1, 2, 3}},
            null,
            null,
            "ABCD".getBytes(StandardCharsets.ISO_8859_1),
            new byte[] {1});
    assertThatThrownBy(() -> ImageDecoder.decode(png, LIMITS))
        .isInstanceOf(ImageException.class)
        .hasMessage("The image is damaged: unknown critical chunk ABCD");
  }

  @Test
  void wrongChecksumIsRefused() {
    byte[] png = PngEncoder.encode(new Raster(2, 2, new int[] {-1, -1, -1, -1}));
    png[8 + 8 + 13] ^= 1; // IHDR's CRC
    assertThatThrownBy(() -> ImageDecoder.decode(png, LIMITS))
        .isInstanceOf(ImageException.class)
        .hasMessage("The image is damaged: the checksum of a IHDR chunk is wrong");
  }

  @Test
  void truncatedFilesAreRefused() {
    byte[] png = PngEncoder.encode(new Raster(20, 20, new int[400]));
    for (int length : new int[] {8, 20, 40, png.length - 13, png.length - 1}) {
      byte[] cut = Arrays.copyOf(png, length);
      assertThatThrownBy(() -> ImageDecoder.decode(cut, LIMITS))
          .isInstanceOf(ImageException.class)
          .hasMessageStartingWith("The image is damaged: ");
    }
  }

  @Test
  void imageDataShorterThanTheHeaderSaysIsRefused() {
    byte[] png = TestPngs.png(4, 4, 0, 8, false, new int[4][4], null, null);
    // Claim 4 × 5 pixels: one row of image data is missing (and fix IHDR's checksum).
    png[16 + 7] = 5;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(png, 12, 17);
    TestPngs.putInt(png, 29, (int) crc.getValue());
    assertThatThrownBy(() -> ImageDecoder.decode(png, LIMITS))
        .isInstanceOf(ImageException.class)
        .hasMessage("The image is damaged: the image data ends early");
  }

  @Test
  void decompressionBombIsRefusedFromTheHeader() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    byte[] ihdr = new byte[13];
    TestPngs.putInt(ihdr, 0, 100_000);
    TestPngs.putInt(ihdr, 4, 100_000);
    ihdr[8] = 8;
    ihdr[9] = 6;
    TestPngs.chunk(out, "IHDR", ihdr);
    TestPngs.chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C});
    TestPngs.chunk(out, "IEND", new byte[0]);
    assertThatThrownBy(() -> ImageDecoder.decode(out.toByteArray(), LIMITS))
        .isInstanceOf(ImageException.class)
        .hasMessageStartingWith("The image is too large: at most 4096 × 4096 pixels");
  }

  @Test
  void tooManyPixelsIsRefusedEvenWithinTheSideLimits() {
    ImageLimits small = new ImageLimits(1 << 20, 100, 100, 1000);
    byte[] png = PngEncoder.encode(new Raster(50, 50, new int[2500]));
    assertThatThrownBy(() -> ImageDecoder.decode(png, small))
        .isInstanceOf(ImageException.class)
        .hasMessageStartingWith("The image is too large");
  }
}
