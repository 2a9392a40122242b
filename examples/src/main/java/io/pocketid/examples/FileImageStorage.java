package io.pocketid.examples;

import io.pocketid.core.model.StoredImage;
import io.pocketid.core.store.ApiKeyStore;
import io.pocketid.core.store.AppConfigStore;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.core.store.AuthorizationCodeStore;
import io.pocketid.core.store.ConsentStore;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DeviceCodeStore;
import io.pocketid.core.store.ImageStore;
import io.pocketid.core.store.KeyValueStore;
import io.pocketid.core.store.LoginCodeStore;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.PasskeyStore;
import io.pocketid.core.store.ReauthenticationTokenStore;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.RevokedGrantStore;
import io.pocketid.core.store.SessionStore;
import io.pocketid.core.store.SigningKeyStore;
import io.pocketid.core.store.SignupTokenStore;
import io.pocketid.core.store.Storage;
import io.pocketid.core.store.StorageException;
import io.pocketid.core.store.UsedCodeStore;
import io.pocketid.core.store.UserGroupStore;
import io.pocketid.core.store.UserStore;
import io.pocketid.core.store.WebauthnChallengeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A custom storage backend: images (profile pictures, logos) as files in a directory, everything
 * else in another backend. It shows the storage SPI's shape — one narrow store per aggregate — and
 * passes the storage contract kit ({@code FileImageStorageContractTest}).
 *
 * <p>Each image is two files named after its URL-encoded key: {@code <key>.img} with the bytes and
 * {@code <key>.meta} with the media type and the time it was stored. Writes go to a temporary file
 * first and are moved into place, so a reader never sees half an image.
 */
public final class FileImageStorage implements Storage {
  private final Storage rest;
  private final FileImages images;

  /**
   * @param rest every store but images
   * @param directory where the images go (created when missing)
   */
  public FileImageStorage(Storage rest, Path directory) {
    this.rest = Objects.requireNonNull(rest, "rest");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.images = new FileImages(directory);
  }

  @Override
  public ImageStore images() {
    return images;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return rest.inTransaction(work);
  }

  @Override
  public <T> T readOnly(Supplier<T> work) {
    return rest.readOnly(work);
  }

  @Override
  public UserStore users() {
    return rest.users();
  }

  @Override
  public UserGroupStore groups() {
    return rest.groups();
  }

  @Override
  public CustomClaimStore customClaims() {
    return rest.customClaims();
  }

  @Override
  public OidcClientStore clients() {
    return rest.clients();
  }

  @Override
  public AuthorizationCodeStore authorizationCodes() {
    return rest.authorizationCodes();
  }

  @Override
  public UsedCodeStore usedCodes() {
    return rest.usedCodes();
  }

  @Override
  public RevokedGrantStore revokedGrants() {
    return rest.revokedGrants();
  }

  @Override
  public RefreshTokenStore refreshTokens() {
    return rest.refreshTokens();
  }

  @Override
  public DeviceCodeStore deviceCodes() {
    return rest.deviceCodes();
  }

  @Override
  public ConsentStore consents() {
    return rest.consents();
  }

  @Override
  public LoginCodeStore loginCodes() {
    return rest.loginCodes();
  }

  @Override
  public ReauthenticationTokenStore reauthenticationTokens() {
    return rest.reauthenticationTokens();
  }

  @Override
  public SignupTokenStore signupTokens() {
    return rest.signupTokens();
  }

  @Override
  public ApiKeyStore apiKeys() {
    return rest.apiKeys();
  }

  @Override
  public PasskeyStore passkeys() {
    return rest.passkeys();
  }

  @Override
  public WebauthnChallengeStore webauthnChallenges() {
    return rest.webauthnChallenges();
  }

  @Override
  public SessionStore sessions() {
    return rest.sessions();
  }

  @Override
  public AuditLogStore auditLog() {
    return rest.auditLog();
  }

  @Override
  public AppConfigStore appConfig() {
    return rest.appConfig();
  }

  @Override
  public SigningKeyStore signingKeys() {
    return rest.signingKeys();
  }

  @Override
  public KeyValueStore keyValues() {
    return rest.keyValues();
  }

  @Override
  public boolean isReachable() {
    return rest.isReachable() && Files.isDirectory(images.directory);
  }

  @Override
  public void close() {
    rest.close();
  }

  /** The image store on files. */
  private static final class FileImages implements ImageStore {
    private static final String DATA = ".img";
    private static final String META = ".meta";

    private final Path directory;

    FileImages(Path directory) {
      this.directory = directory;
    }

    @Override
    public synchronized Optional<StoredImage> find(String key) {
      Path data = file(key, DATA);
      if (!Files.exists(data)) {
        return Optional.empty();
      }
      try {
        String[] meta = Files.readString(file(key, META), StandardCharsets.UTF_8).split("\n", 2);
        return Optional.of(
            new StoredImage(key, meta[0], Files.readAllBytes(data), Instant.parse(meta[1])));
      } catch (IOException e) {
        throw new StorageException("cannot read image " + key, e);
      }
    }

    @Override
    public synchronized void put(StoredImage image) {
      try {
        write(
            file(image.key(), META),
            (image.contentType() + "\n" + image.updatedAt()).getBytes(StandardCharsets.UTF_8));
        write(file(image.key(), DATA), image.data());
      } catch (IOException e) {
        throw new StorageException("cannot write image " + image.key(), e);
      }
    }

    @Override
    public synchronized boolean delete(String key) {
      try {
        boolean existed = Files.deleteIfExists(file(key, DATA));
        Files.deleteIfExists(file(key, META));
        return existed;
      } catch (IOException e) {
        throw new StorageException("cannot delete image " + key, e);
      }
    }

    @Override
    public synchronized int deleteByPrefix(String prefix) {
      int deleted = 0;
      for (String key : keys(prefix)) {
        if (delete(key)) {
          deleted++;
        }
      }
      return deleted;
    }

    @Override
    public synchronized List<String> keys(String prefix) {
      List<String> keys = new ArrayList<>();
      try (Stream<Path> files = Files.list(directory)) {
        files
            .map(path -> path.getFileName().toString())
            .filter(name -> name.endsWith(DATA))
            .map(
                name ->
                    URLDecoder.decode(
                        name.substring(0, name.length() - DATA.length()), StandardCharsets.UTF_8))
            .filter(key -> key.startsWith(prefix))
            .sorted()
            .forEach(keys::add);
      } catch (IOException e) {
        throw new StorageException("cannot list images", e);
      }
      return keys;
    }

    private Path file(String key, String suffix) {
      return directory.resolve(URLEncoder.encode(key, StandardCharsets.UTF_8) + suffix);
    }

    private static void write(Path target, byte[] bytes) throws IOException {
      Path temporary = Files.createTempFile(target.getParent(), ".image", ".tmp");
      Files.write(temporary, bytes);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
