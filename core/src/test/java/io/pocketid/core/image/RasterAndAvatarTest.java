package io.pocketid.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RasterAndAvatarTest {
  private static Raster filled(int w, int h, int argb) {
    int[] p = new int[w * h];
    Arrays.fill(p, argb);
    return new Raster(w, h, p);
  }

  @Test
  void coverSquareCropsTheCentre() {
    int[] p = new int[30 * 10];
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 30; x++) {
        p[y * 30 + x] = x < 10 || x >= 20 ? 0xFFFF0000 : 0xFF0000FF;
      }
    }
    Raster square = new Raster(30, 10, p).coverSquare(5);
    assertThat(square.width()).isEqualTo(5);
    assertThat(square.height()).isEqualTo(5);
    for (int px : square.argb()) {
      assertThat(px).isEqualTo(0xFF0000FF);
    }
  }

  @Test
  void shrinkingAveragesTheArea() {
    int[] p = new int[4 * 4];
    for (int i = 0; i < p.length; i++) {
      p[i] = (i % 2 == 0) ? 0xFF000000 : 0xFFFFFFFF;
    }
    Raster small = new Raster(4, 4, p).resize(1, 1);
    int grey = small.pixel(0, 0) & 0xFF;
    assertThat(grey).isBetween(127, 128);
  }

  @Test
  void transparentPixelsDoNotDarkenTheAverage() {
    Raster r = new Raster(2, 1, new int[] {0x00000000, 0xFFFFFFFF}).resize(1, 1);
    assertThat(r.pixel(0, 0)).isEqualTo(0x80FFFFFF);
  }

  @Test
  void enlargingInterpolates() {
    Raster r = new Raster(2, 1, new int[] {0xFF000000, 0xFFFFFFFF}).resize(4, 1);
    assertThat(r.pixel(0, 0)).isEqualTo(0xFF000000);
    assertThat(r.pixel(3, 0)).isEqualTo(0xFFFFFFFF);
    assertThat(r.pixel(1, 0) & 0xFF).isBetween(40, 90);
  }

  @Test
  void fitKeepsTheAspectRatioAndNeverEnlarges() {
    Raster wide = filled(2000, 1000, -1);
    assertThat(wide.fit(500, 500).width()).isEqualTo(500);
    assertThat(wide.fit(500, 500).height()).isEqualTo(250);
    Raster small = filled(20, 10, -1);
    assertThat(small.fit(500, 500)).isSameAs(small);
    assertThat(filled(3, 1000, -1).fit(10, 10).width()).isEqualTo(1);
  }

  @Test
  void orientationsTurnTheRasterUpright() {
    // 2 × 1: A B
    Raster r = new Raster(2, 1, new int[] {1, 2});
    assertThat(r.oriented(1)).isEqualTo(r);
    assertThat(r.oriented(2).argb()).containsExactly(2, 1);
    assertThat(r.oriented(3).argb()).containsExactly(2, 1);
    assertThat(r.oriented(6).width()).isEqualTo(1);
    assertThat(r.oriented(6).argb()).containsExactly(1, 2);
    assertThat(r.oriented(8).argb()).containsExactly(2, 1);
  }

  @Test
  void opaqueLooksAtEveryPixel() {
    assertThat(filled(3, 3, 0xFF123456).opaque()).isTrue();
    int[] p = new int[9];
    Arrays.fill(p, 0xFF123456);
    p[8] = 0xFE123456;
    assertThat(new Raster(3, 3, p).opaque()).isFalse();
  }

  @Test
  void initialsFollowPocketIdsRule() {
    assertThat(InitialsAvatar.initials("ada", "lovelace", "al")).isEqualTo("AL");
    assertThat(InitialsAvatar.initials("Ada", "", "grace")).isEqualTo("GR");
    assertThat(InitialsAvatar.initials(null, null, "x")).isEqualTo("X");
    assertThat(InitialsAvatar.initials(" ", "Lovelace", "ada_l")).isEqualTo("AD");
  }

  @Test
  void avatarIsAPngWithDarkGlyphsCentredOnALightBackground() {
    byte[] png = InitialsAvatar.png("al", 120);
    Raster r = ImageDecoder.decode(png, ImageLimits.uploads());
    assertThat(r.width()).isEqualTo(120);
    assertThat(r.height()).isEqualTo(120);
    assertThat(r.opaque()).isTrue();
    assertThat(r.pixel(0, 0)).isEqualTo(0xFFE4E4E7);
    int darkLeft = 120;
    int darkRight = 0;
    int darkTop = 120;
    int darkBottom = 0;
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 120; x++) {
        if ((r.pixel(x, y) & 0xFF) < 0x80) {
          darkLeft = Math.min(darkLeft, x);
          darkRight = Math.max(darkRight, x);
          darkTop = Math.min(darkTop, y);
          darkBottom = Math.max(darkBottom, y);
        }
      }
    }
    assertThat(darkLeft + darkRight).isBetween(116, 122);
    assertThat(darkTop + darkBottom).isBetween(116, 122);
    // Anti-aliased: some pixels are between the two colours.
    assertThat(Arrays.stream(r.argb()).map(p -> p & 0xFF).filter(v -> v > 0x40 && v < 0xD0))
        .isNotEmpty();
  }

  @Test
  void avatarDrawsUnsupportedCharactersAsTheFirstValidOrQuestionMark() {
    assertThat(InitialsAvatar.png("é1", 40)).isEqualTo(InitialsAvatar.png("1", 40));
    assertThat(InitialsAvatar.png("éü", 40)).isEqualTo(InitialsAvatar.png("?", 40));
    assertThat(InitialsAvatar.png("abc", 40)).isEqualTo(InitialsAvatar.png("AB", 40));
    assertThat(InitialsAvatar.png("é", 40)).isNotEqualTo(InitialsAvatar.png("E", 40));
  }
}
