package io.pocketid.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.image.ImageDecoder;
import io.pocketid.core.image.ImageLimits;
import io.pocketid.core.image.InitialsAvatar;
import io.pocketid.core.image.PngEncoder;
import io.pocketid.core.image.Raster;
import io.pocketid.core.service.ImageService.AppImage;
import io.pocketid.core.service.ImageService.ImageBytes;
import io.pocketid.core.store.ImageStore;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ImageServiceTest {
  private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
  private final ImageStore store = new InMemoryStorage().images();
  private final ImageService service = new ImageService(store, new TestClock(NOW));

  private static byte[] png(int w, int h, int argb) {
    int[] pixels = new int[w * h];
    Arrays.fill(pixels, argb);
    return PngEncoder.encode(new Raster(w, h, pixels));
  }

  private static Raster decode(ImageBytes image) {
    assertThat(image.contentType()).isEqualTo("image/png");
    return ImageDecoder.decode(image.data(), ImageLimits.uploads());
  }

  private static void assertInvalid(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ServiceError.INVALID_INPUT))
        .hasMessage(message);
  }

  /** A PNG with a tEXt chunk holding {@code marker} before the IEND chunk. */
  private static byte[] withText(byte[] png, String marker) {
    byte[] body = ("Comment\0" + marker).getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, png.length - 12);
    byte[] head = {0, 0, 0, (byte) body.length, 't', 'E', 'X', 't'};
    out.writeBytes(head);
    out.writeBytes(body);
    CRC32 crc = new CRC32();
    crc.update(head, 4, 4);
    crc.update(body);
    int c = (int) crc.getValue();
    out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    out.write(png, png.length - 12, 12);
    return out.toByteArray();
  }

  @Test
  void profilePictureIsCroppedToA300SquareAndReEncoded() {
    byte[] upload = withText(png(600, 400, 0xFF3366CC), "MARKER-4711");
    assertThat(ImageDecoder.decode(upload, ImageLimits.uploads()).width()).isEqualTo(600);
    service.setProfilePicture("u1", upload);

    byte[] stored = store.find("profile-picture/u1").orElseThrow().data();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-4711");
    assertThat(stored).isNotEqualTo(upload);
    assertThat(store.find("profile-picture/u1").orElseThrow().updatedAt()).isEqualTo(NOW);

    Raster picture = decode(service.profilePicture("u1", "Ada", "Lovelace", "ada"));
    assertThat(picture.width()).isEqualTo(300);
    assertThat(picture.height()).isEqualTo(300);
    assertThat(picture.pixel(150, 150)).isEqualTo(0xFF3366CC);
  }

  @Test
  void profilePictureFallsBackToTheDefaultThenToInitials() {
    ImageBytes initials = service.profilePicture("u1", "Ada", "Lovelace", "ada");
    assertThat(initials.data()).isEqualTo(InitialsAvatar.png("AL", 300));
    assertThat(decode(initials).width()).isEqualTo(300);

    service.setAppImage(AppImage.DEFAULT_PROFILE_PICTURE, png(50, 80, 0xFF00FF00));
    ImageBytes fallback = service.profilePicture("u1", "Ada", "Lovelace", "ada");
    assertThat(decode(fallback).pixel(10, 10)).isEqualTo(0xFF00FF00);
    assertThat(decode(fallback).width()).isEqualTo(300);

    service.setProfilePicture("u1", png(10, 10, 0xFFFF0000));
    assertThat(decode(service.profilePicture("u1", "Ada", "Lovelace", "ada")).pixel(0, 0))
        .isEqualTo(0xFFFF0000);

    assertThat(service.removeProfilePicture("u1")).isTrue();
    assertThat(service.removeProfilePicture("u1")).isFalse();
    assertThat(service.profilePicture("u1", "Ada", "Lovelace", "ada")).isEqualTo(fallback);
    assertThat(service.removeAppImage(AppImage.DEFAULT_PROFILE_PICTURE)).isTrue();
    assertThat(service.profilePicture("u1", "Ada", "Lovelace", "ada")).isEqualTo(initials);
  }

  @Test
  void generatedPicturesAreNotStoredAndTheirVersionIsStable() {
    ImageBytes a = service.profilePicture("u1", "", "", "bob");
    ImageBytes b = service.profilePicture("u2", null, null, "bo");
    assertThat(a).isEqualTo(b);
    assertThat(a.version()).matches("[0-9a-f]{12}");
    assertThat(store.keys("")).isEmpty();
  }

  @Test
  void svgAndHtmlUploadsAreRefused() {
    byte[] svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"
            .getBytes(StandardCharsets.UTF_8);
    byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    assertInvalid(
        () -> service.setProfilePicture("u1", svg), "The file is not a PNG, JPEG or GIF image");
    assertInvalid(
        () -> service.setAppImage(AppImage.LOGO_LIGHT, html),
        "The file is not a PNG, JPEG or GIF image");
    assertThat(store.keys("")).isEmpty();
  }

  @Test
  void uploadSizeIsLimited() {
    byte[] big = Arrays.copyOf(png(4, 4, -1), ImageService.MAX_UPLOAD_BYTES + 1);
    assertInvalid(
        () -> service.setProfilePicture("u1", big), "The file is too large: at most 2 MiB");
    assertInvalid(() -> service.setClientLogo("c1", false, new byte[0]), "The file is empty");
    assertInvalid(() -> service.setClientLogo("c1", false, null), "The file is empty");
  }

  @Test
  void damagedImagesAreRefusedWithTheDecodersMessage() {
    byte[] cut = Arrays.copyOf(png(40, 40, -1), 50);
    assertThatThrownBy(() -> service.setProfilePicture("u1", cut))
        .isInstanceOf(ServiceException.class)
        .hasMessageStartingWith("The image is damaged: ");
  }

  @Test
  void appImagesAreScaledToTheirBounds() {
    service.setAppImage(AppImage.LOGO_DARK, png(2048, 1024, 0xFF101010));
    service.setAppImage(AppImage.BACKGROUND, png(4000, 1000, 0xFF202020));
    service.setAppImage(AppImage.FAVICON, png(32, 32, 0x80303030));
    Raster logo = decode(service.appImage(AppImage.LOGO_DARK).orElseThrow());
    assertThat(logo.width()).isEqualTo(1024);
    assertThat(logo.height()).isEqualTo(512);
    Raster background = decode(service.appImage(AppImage.BACKGROUND).orElseThrow());
    assertThat(background.width()).isEqualTo(3840);
    assertThat(background.height()).isEqualTo(960);
    Raster favicon = decode(service.appImage(AppImage.FAVICON).orElseThrow());
    assertThat(favicon.width()).isEqualTo(32);
    assertThat(favicon.pixel(0, 0)).isEqualTo(0x80303030);
    assertThat(store.keys("app-image/"))
        .containsExactly("app-image/background", "app-image/favicon", "app-image/logoDark");
    assertThat(service.appImage(AppImage.LOGO_LIGHT)).isEmpty();
    assertThat(service.removeAppImage(AppImage.LOGO_DARK)).isTrue();
    assertThat(service.appImage(AppImage.LOGO_DARK)).isEmpty();
  }

  @Test
  void appImagesHavePocketIdsPathNames() {
    assertThat(Arrays.stream(AppImage.values()).map(AppImage::pathName))
        .containsExactly(
            "logoLight", "logoDark", "background", "favicon", "default-profile-picture");
    assertThat(AppImage.fromPathName("favicon")).contains(AppImage.FAVICON);
    assertThat(AppImage.fromPathName("FAVICON")).isEmpty();
  }

  @Test
  void clientLogosAreKeptPerVariantAndRemovedTogether() {
    service.setClientLogo("c1", false, png(1000, 500, 0xFFAA0000));
    service.setClientLogo("c1", true, png(100, 100, 0xFF00AA00));
    service.setClientLogo("c1/x", false, png(10, 10, 0xFF0000AA));
    Raster light = decode(service.clientLogo("c1", false).orElseThrow());
    assertThat(light.width()).isEqualTo(512);
    assertThat(light.height()).isEqualTo(256);
    assertThat(decode(service.clientLogo("c1", true).orElseThrow()).width()).isEqualTo(100);

    assertThat(service.removeClientLogo("c1", true)).isTrue();
    assertThat(service.clientLogo("c1", true)).isEmpty();
    assertThat(service.removeClientLogo("c1", true)).isFalse();
    service.removeClientLogos("c1");
    assertThat(service.clientLogo("c1", false)).isEmpty();
    // An id containing "/" is a different client, untouched.
    assertThat(service.clientLogo("c1/x", false)).isPresent();
  }

  @Test
  void versionChangesWithTheImage() {
    service.setAppImage(AppImage.LOGO_LIGHT, png(10, 10, 0xFF000000));
    String first = service.appImage(AppImage.LOGO_LIGHT).orElseThrow().version();
    service.setAppImage(AppImage.LOGO_LIGHT, png(10, 10, 0xFFFFFFFF));
    assertThat(service.appImage(AppImage.LOGO_LIGHT).orElseThrow().version()).isNotEqualTo(first);
  }
}
