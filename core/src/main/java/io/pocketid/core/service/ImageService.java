package io.pocketid.core.service;

import io.pocketid.core.image.ImageDecoder;
import io.pocketid.core.image.ImageException;
import io.pocketid.core.image.ImageLimits;
import io.pocketid.core.image.InitialsAvatar;
import io.pocketid.core.image.PngEncoder;
import io.pocketid.core.image.Raster;
import io.pocketid.core.model.StoredImage;
import io.pocketid.core.store.ImageStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Profile pictures, application images and client logos. Every upload is decoded and re-encoded as
 * PNG (see {@link io.pocketid.core.image}), so only pixels are stored: no metadata, no scripts.
 *
 * <p>Keys in the {@link ImageStore}: {@code profile-picture/<user id>}, {@code app-image/<name>}
 * and {@code client-logo/<client id>/light|dark}; ids are URL-encoded in keys, so an id containing
 * {@code /} cannot reach another id's images.
 *
 * <p>Failures are {@link ServiceException}s with {@link ServiceError#INVALID_INPUT} and a message
 * for the uploader ("The file is too large: at most 2 MiB", "The file is not a PNG, JPEG or GIF
 * image", …).
 */
public final class ImageService {
  /** The largest upload accepted. */
  public static final int MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

  /** The side of profile pictures (custom, default and generated). */
  public static final int PROFILE_PICTURE_SIZE = 300;

  private static final String PNG = "image/png";
  private static final int INITIALS_CACHE_SIZE = 256;
  private static final ImageLimits LIMITS =
      new ImageLimits(MAX_UPLOAD_BYTES, 4096, 4096, 16L * 1024 * 1024);

  /** An application image, with the name Pocket ID uses for it in paths. */
  public enum AppImage {
    LOGO_LIGHT("logoLight", r -> r.fit(1024, 1024)),
    LOGO_DARK("logoDark", r -> r.fit(1024, 1024)),
    BACKGROUND("background", r -> r.fit(3840, 2160)),
    FAVICON("favicon", r -> r.fit(256, 256)),
    DEFAULT_PROFILE_PICTURE("default-profile-picture", r -> r.coverSquare(PROFILE_PICTURE_SIZE));

    private final String pathName;
    private final UnaryOperator<Raster> shape;

    AppImage(String pathName, UnaryOperator<Raster> shape) {
      this.pathName = pathName;
      this.shape = shape;
    }

    /** The name in Pocket ID's paths, e.g. {@code logoLight}. */
    public String pathName() {
      return pathName;
    }

    /** The image with the given path name, if there is one. */
    public static Optional<AppImage> fromPathName(String name) {
      return Arrays.stream(values()).filter(i -> i.pathName.equals(name)).findFirst();
    }
  }

  /**
   * An image to serve.
   *
   * @param data the encoded image (copied in and out)
   * @param contentType its media type
   * @param version a short hash of {@code data} (12 hex digits), for URLs and ETags
   */
  public record ImageBytes(byte[] data, String contentType, String version) {
    public ImageBytes {
      data = Objects.requireNonNull(data, "data").clone();
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(version, "version");
    }

    /** An image of the given bytes, versioned by their hash. */
    public static ImageBytes of(byte[] data, String contentType) {
      return new ImageBytes(data, contentType, ImageService.version(data));
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ImageBytes b
          && Arrays.equals(data, b.data)
          && contentType.equals(b.contentType)
          && version.equals(b.version);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(data), contentType, version);
    }

    @Override
    public String toString() {
      return "ImageBytes[" + contentType + ", " + data.length + " bytes, version " + version + "]";
    }
  }

  private final ImageStore store;
  private final Clock clock;
  private final Map<String, ImageBytes> initials =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImageBytes> eldest) {
          return size() > INITIALS_CACHE_SIZE;
        }
      };

  public ImageService(ImageStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Stores the upload, cropped to a centred square of 300 × 300 pixels, as the user's picture. */
  public void setProfilePicture(String userId, byte[] upload) {
    Raster picture = decode(upload).coverSquare(PROFILE_PICTURE_SIZE);
    put(profileKey(userId), picture);
  }

  /**
   * Removes the user's own picture.
   *
   * @return whether there was one
   */
  public boolean removeProfilePicture(String userId) {
    return store.delete(profileKey(userId));
  }

  /**
   * The user's picture: their own, else the application's default profile picture, else one
   * generated from their initials ({@link InitialsAvatar#initials(String, String, String)}).
   */
  public ImageBytes profilePicture(
      String userId, String firstName, String lastName, String username) {
    Optional<StoredImage> own = store.find(profileKey(userId));
    if (own.isPresent()) {
      return bytes(own.get());
    }
    return appImage(AppImage.DEFAULT_PROFILE_PICTURE)
        .orElseGet(() -> initialsPicture(InitialsAvatar.initials(firstName, lastName, username)));
  }

  /** Stores the upload, re-encoded and scaled down to the image's bounds, as an app image. */
  public void setAppImage(AppImage image, byte[] upload) {
    Objects.requireNonNull(image, "image");
    put(appKey(image), image.shape.apply(decode(upload)));
  }

  public Optional<ImageBytes> appImage(AppImage image) {
    return store.find(appKey(image)).map(ImageService::bytes);
  }

  /**
   * Removes an application image (the built-in one applies again).
   *
   * @return whether there was one
   */
  public boolean removeAppImage(AppImage image) {
    return store.delete(appKey(image));
  }

  /** Stores the upload, scaled down to fit 512 × 512 pixels, as the client's light or dark logo. */
  public void setClientLogo(String clientId, boolean dark, byte[] upload) {
    put(logoKey(clientId, dark), decode(upload).fit(512, 512));
  }

  public Optional<ImageBytes> clientLogo(String clientId, boolean dark) {
    return store.find(logoKey(clientId, dark)).map(ImageService::bytes);
  }

  /**
   * Removes the client's light or dark logo.
   *
   * @return whether there was one
   */
  public boolean removeClientLogo(String clientId, boolean dark) {
    return store.delete(logoKey(clientId, dark));
  }

  /** Removes both logos of the client (when the client is deleted). */
  public void removeClientLogos(String clientId) {
    store.deleteByPrefix(logoPrefix(clientId));
  }

  private ImageBytes initialsPicture(String text) {
    synchronized (initials) {
      return initials.computeIfAbsent(
          text, t -> ImageBytes.of(InitialsAvatar.png(t, PROFILE_PICTURE_SIZE), PNG));
    }
  }

  private static Raster decode(byte[] upload) {
    if (upload == null || upload.length == 0) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "The file is empty");
    }
    if (upload.length > MAX_UPLOAD_BYTES) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "The file is too large: at most 2 MiB");
    }
    try {
      return ImageDecoder.decode(upload, LIMITS);
    } catch (ImageException e) {
      throw new ServiceException(ServiceError.INVALID_INPUT, e.getMessage());
    }
  }

  private void put(String key, Raster raster) {
    store.put(new StoredImage(key, PNG, PngEncoder.encode(raster), clock.instant()));
  }

  private static ImageBytes bytes(StoredImage image) {
    return ImageBytes.of(image.data(), image.contentType());
  }

  private static String version(byte[] data) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  private static String profileKey(String userId) {
    return "profile-picture/" + id(userId, "userId");
  }

  private static String appKey(AppImage image) {
    return "app-image/" + Objects.requireNonNull(image, "image").pathName();
  }

  private static String logoPrefix(String clientId) {
    return "client-logo/" + id(clientId, "clientId") + "/";
  }

  private static String logoKey(String clientId, boolean dark) {
    return logoPrefix(clientId) + (dark ? "dark" : "light");
  }

  private static String id(String id, String name) {
    Objects.requireNonNull(id, name);
    if (id.isBlank()) {
      throw new ServiceException(ServiceError.INVALID_INPUT, "The " + name + " is empty");
    }
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
