package io.pocketid.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

/**
 * JPEG and GIF decoding. The test files are produced here by the JDK's javax.imageio (tests run on
 * the full JDK; the decoders themselves use java.base only).
 */
class JpegAndGifDecoderTest {
  private static final ImageLimits LIMITS = ImageLimits.uploads();
  private static final int RED = 0xFFFF0000;
  private static final int GREEN = 0xFF00FF00;
  private static final int BLUE = 0xFF0000FF;
  private static final int WHITE = 0xFFFFFFFF;

  /** Red, green / blue, white quadrants. */
  private static BufferedImage quadrants(int w, int h, int type) {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean right = x >= w / 2;
        boolean bottom = y >= h / 2;
        img.setRGB(x, y, bottom ? (right ? WHITE : BLUE) : (right ? GREEN : RED));
      }
    }
    return img;
  }

  private static void assertQuadrants(Raster r, int w, int h) {
    assertThat(r.width()).isEqualTo(w);
    assertThat(r.height()).isEqualTo(h);
    assertClose(r.pixel(w / 4, h / 4), RED);
    assertClose(r.pixel(3 * w / 4, h / 4), GREEN);
    assertClose(r.pixel(w / 4, 3 * h / 4), BLUE);
    assertClose(r.pixel(3 * w / 4, 3 * h / 4), WHITE);
  }

  private static void assertClose(int actual, int expected) {
    for (int shift = 0; shift < 32; shift += 8) {
      assertThat((actual >>> shift) & 0xFF)
          .as("channel %d of %08x vs %08x", shift, actual, expected)
          .isCloseTo((expected >>> shift) & 0xFF, org.assertj.core.data.Offset.offset(24));
    }
  }

  /**
   * A JPEG of the image with the luma sampling factors {@code h × v} (chroma 1 × 1), a restart
   * interval (0: none) and progressive or not.
   */
  private static byte[] jpeg(BufferedImage img, int h, int v, int restart, boolean progressive)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.95f);
    if (progressive) {
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    }
    IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
    String format = "javax_imageio_jpeg_image_1.0";
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
    IIOMetadataNode sof = (IIOMetadataNode) root.getElementsByTagName("sof").item(0);
    if (sof != null && img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      IIOMetadataNode luma = (IIOMetadataNode) sof.getElementsByTagName("componentSpec").item(0);
      luma.setAttribute("HsamplingFactor", Integer.toString(h));
      luma.setAttribute("VsamplingFactor", Integer.toString(v));
    }
    if (restart > 0) {
      IIOMetadataNode dri = new IIOMetadataNode("dri");
      dri.setAttribute("interval", Integer.toString(restart));
      markers.insertBefore(dri, markers.getFirstChild());
    }
    meta.setFromTree(format, root);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new IIOImage(img, null, meta), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  @Test
  void baseline420() throws IOException {
    byte[] jpeg = jpeg(quadrants(64, 48, BufferedImage.TYPE_INT_RGB), 2, 2, 0, false);
    assertThat(ImageFormat.detect(jpeg)).contains(ImageFormat.JPEG);
    assertQuadrants(ImageDecoder.decode(jpeg, LIMITS), 64, 48);
  }

  @Test
  void baseline422WithOddDimensions() throws IOException {
    byte[] jpeg = jpeg(quadrants(37, 23, BufferedImage.TYPE_INT_RGB), 2, 1, 0, false);
    assertQuadrants(ImageDecoder.decode(jpeg, LIMITS), 37, 23);
  }

  @Test
  void baseline444() throws IOException {
    byte[] jpeg = jpeg(quadrants(40, 40, BufferedImage.TYPE_INT_RGB), 1, 1, 0, false);
    assertQuadrants(ImageDecoder.decode(jpeg, LIMITS), 40, 40);
  }

  @Test
  void restartMarkers() throws IOException {
    byte[] jpeg = jpeg(quadrants(70, 50, BufferedImage.TYPE_INT_RGB), 2, 2, 1, false);
    assertThat(indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDD})).isPositive();
    assertThat(indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xD3})).isPositive();
    assertQuadrants(ImageDecoder.decode(jpeg, LIMITS), 70, 50);
  }

  @Test
  void greyscale() throws IOException {
    BufferedImage img = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 30; x++) {
        img.getRaster().setSample(x, y, 0, x < 15 ? 40 : 200);
      }
    }
    Raster r = ImageDecoder.decode(jpeg(img, 1, 1, 0, false), LIMITS);
    assertThat(r.width()).isEqualTo(30);
    assertClose(r.pixel(5, 10), 0xFF282828);
    assertClose(r.pixel(25, 10), 0xFFC8C8C8);
  }

  @Test
  void exifOrientationSixIsTurnedUpright() throws IOException {
    BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 32; x++) {
        img.setRGB(x, y, x < 16 ? RED : BLUE);
      }
    }
    byte[] jpeg = withExifOrientation(jpeg(img, 1, 1, 0, false), 6);
    Raster r = ImageDecoder.decode(jpeg, LIMITS);
    // Stored sideways: turned 90° clockwise, the left (red) half is on top.
    assertThat(r.width()).isEqualTo(16);
    assertThat(r.height()).isEqualTo(32);
    assertClose(r.pixel(8, 4), RED);
    assertClose(r.pixel(8, 28), BLUE);
  }

  @Test
  void progressiveIsRefusedWithAClearMessage() throws IOException {
    byte[] jpeg = jpeg(quadrants(32, 32, BufferedImage.TYPE_INT_RGB), 2, 2, 0, true);
    assertThatThrownBy(() -> ImageDecoder.decode(jpeg, LIMITS))
        .isInstanceOf(ImageException.class)
        .hasMessage("Progressive JPEG is not supported; save the picture as PNG or baseline JPEG");
  }

  @Test
  void truncatedJpegIsRefused() throws IOException {
    byte[] jpeg = jpeg(quadrants(64, 64, BufferedImage.TYPE_INT_RGB), 2, 2, 0, false);
    for (int length : new int[] {3, 30, jpeg.length / 2}) {
      byte[] cut = Arrays.copyOf(jpeg, length);
      assertThatThrownBy(() -> ImageDecoder.decode(cut, LIMITS))
          .isInstanceOf(ImageException.class)
          .hasMessageStartingWith("The image is damaged: ");
    }
  }

  @Test
  void jpegBombIsRefusedFromTheFrameHeader() throws IOException {
    byte[] jpeg = jpeg(quadrants(16, 16, BufferedImage.TYPE_INT_RGB), 1, 1, 0, false);
    int sof = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0});
    jpeg[sof + 5] = (byte) 0xFF; // height 65535
    jpeg[sof + 6] = (byte) 0xFF;
    jpeg[sof + 7] = (byte) 0xFF; // width 65535
    jpeg[sof + 8] = (byte) 0xFF;
    assertThatThrownBy(() -> ImageDecoder.decode(jpeg, LIMITS))
        .isInstanceOf(ImageException.class)
        .hasMessageStartingWith("The image is too large: at most 4096 × 4096 pixels");
  }

  @Test
  void gifFirstFrameWithTransparency() throws IOException {
    byte[] r = {(byte) 255, 0, 0, (byte) 255};
    byte[] g = {0, (byte) 255, 0, (byte) 255};
    byte[] b = {0, 0, (byte) 255, (byte) 255};
    IndexColorModel model = new IndexColorModel(2, 4, r, g, b, 3);
    BufferedImage img = new BufferedImage(21, 13, BufferedImage.TYPE_BYTE_INDEXED, model);
    for (int y = 0; y < 13; y++) {
      for (int x = 0; x < 21; x++) {
        img.getRaster().setSample(x, y, 0, (x + y * 3) % 4);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "gif", out);
    byte[] gif = out.toByteArray();
    assertThat(ImageFormat.detect(gif)).contains(ImageFormat.GIF);
    Raster decoded = ImageDecoder.decode(gif, LIMITS);
    assertThat(decoded.width()).isEqualTo(21);
    assertThat(decoded.height()).isEqualTo(13);
    int[] expected = {RED, GREEN, BLUE, 0};
    for (int y = 0; y < 13; y++) {
      for (int x = 0; x < 21; x++) {
        assertThat(decoded.pixel(x, y)).isEqualTo(expected[(x + y * 3) % 4]);
      }
    }
  }

  @Test
  void gifInterlacedAndNot() throws IOException {
    BufferedImage img = quadrants(40, 30, BufferedImage.TYPE_INT_RGB);
    for (boolean interlaced : new boolean[] {true, false}) {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      BufferedImage indexed = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_INDEXED);
      indexed.getGraphics().drawImage(img, 0, 0, null);
      IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(indexed), param);
      String format = meta.getNativeMetadataFormatName();
      Node root = meta.getAsTree(format);
      IIOMetadataNode descriptor =
          (IIOMetadataNode)
              ((IIOMetadataNode) root).getElementsByTagName("ImageDescriptor").item(0);
      descriptor.setAttribute("interlaceFlag", interlaced ? "TRUE" : "FALSE");
      meta.setFromTree(format, root);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
        writer.setOutput(ios);
        writer.write(null, new IIOImage(indexed, null, meta), param);
      } finally {
        writer.dispose();
      }
      byte[] gif = out.toByteArray();
      int descriptorAt = indexOf(gif, new byte[] {0x2C, 0, 0, 0, 0, 40, 0, 30, 0});
      assertThat((gif[descriptorAt + 9] & 0x40) != 0).isEqualTo(interlaced);
      assertQuadrants(ImageDecoder.decode(gif, LIMITS), 40, 30);
    }
  }

  @Test
  void truncatedGifIsRefused() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(quadrants(16, 16, BufferedImage.TYPE_BYTE_INDEXED), "gif", out);
    byte[] cut = Arrays.copyOf(out.toByteArray(), 20);
    assertThatThrownBy(() -> ImageDecoder.decode(cut, LIMITS))
        .isInstanceOf(ImageException.class)
        .hasMessage("The image is damaged: the file ends early");
  }

  @Test
  void nonImagesAreRefused() {
    for (String text :
        new String[] {
          "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
          "<!DOCTYPE html><html><body>hi</body></html>",
          "GIF8",
          "just some text"
        }) {
      assertThatThrownBy(
              () ->
                  ImageDecoder.decode(
                      text.getBytes(java.nio.charset.StandardCharsets.UTF_8), LIMITS))
          .isInstanceOf(ImageException.class)
          .hasMessage("The file is not a PNG, JPEG or GIF image");
    }
    assertThatThrownBy(() -> ImageDecoder.decode(new byte[0], LIMITS))
        .hasMessage("The file is empty");
  }

  @Test
  void oversizedFilesAreRefusedBeforeDecoding() {
    ImageLimits tiny = new ImageLimits(1024, 100, 100, 10_000);
    assertThatThrownBy(() -> ImageDecoder.decode(new byte[2048], tiny))
        .isInstanceOf(ImageException.class)
        .hasMessage("The file is too large: at most 1 KiB");
  }

  /** The JPEG with an APP1 Exif segment (big-endian TIFF, one IFD entry) after SOI. */
  private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    byte[] tiff = {
      'M',
      'M',
      0,
      42,
      0,
      0,
      0,
      8, // header, IFD0 at 8
      0,
      1, // one entry
      0x01,
      0x12,
      0,
      3,
      0,
      0,
      0,
      1,
      0,
      (byte) orientation,
      0,
      0, // orientation, SHORT
      0,
      0,
      0,
      0 // no next IFD
    };
    byte[] app1 = new byte[4 + 6 + tiff.length];
    app1[0] = (byte) 0xFF;
    app1[1] = (byte) 0xE1;
    int length = app1.length - 2;
    app1[2] = (byte) (length >> 8);
    app1[3] = (byte) length;
    System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, app1, 4, 6);
    System.arraycopy(tiff, 0, app1, 10, tiff.length);
    byte[] out = new byte[jpeg.length + app1.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(app1, 0, out, 2, app1.length);
    System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
    return out;
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
