package io.pocketid.geo;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the City database when it is missing or older than {@link #MAX_AGE} (Pocket ID's {@code
 * UpdateGeoLiteDB}): MaxMind's {@code tar.gz} (or a plain {@code .mmdb}), at most {@code maxBytes}
 * read, the database written to a temporary file beside the target, opened and probed ({@link
 * MaxMindGeoLocator#openChecked}), then moved over the target in one step and reloaded. A failure
 * leaves the old file in place and is logged without the licence key; the caller retries later.
 */
public final class GeoDatabaseUpdater {
  private static final Logger LOG = LoggerFactory.getLogger(GeoDatabaseUpdater.class);

  /** A database younger than this is not downloaded again. */
  public static final Duration MAX_AGE = Duration.ofDays(14);

  /** Pocket ID's default: 300 MB. */
  public static final long DEFAULT_MAX_BYTES = 300L * 1024 * 1024;

  /** Pocket ID's {@code GEOLITE_DB_URL} default; {@code %s} is the licence key. */
  public static final String DEFAULT_URL =
      "https://download.maxmind.com/app/geoip_download?edition_id=GeoLite2-City"
          + "&license_key=%s&suffix=tar.gz";

  /** What an update did. */
  public enum Outcome {
    /** Neither a licence key nor a custom URL: nothing to download from. */
    DISABLED,
    /** The file is younger than {@link #MAX_AGE}. */
    FRESH,
    /** A new database is in place and loaded. */
    UPDATED,
    /** The download or its check failed; the old file (if any) stays. */
    FAILED
  }

  private final String urlTemplate;
  private final Optional<String> licenseKey;
  private final Path target;
  private final MaxMindGeoLocator locator;
  private final Supplier<HttpClient> http;
  private final Clock clock;
  private final long maxBytes;
  private final Duration timeout;

  /**
   * @param urlTemplate {@code GEOLITE_DB_URL}; {@code %s} stands for the licence key
   * @param licenseKey {@code MAXMIND_LICENSE_KEY}
   * @param target {@code GEOLITE_DB_PATH}
   * @param locator reloaded after a successful download
   * @param maxBytes the most that is read from the server (compressed) or written (database)
   * @param timeout for the whole download
   */
  public GeoDatabaseUpdater(
      String urlTemplate,
      Optional<String> licenseKey,
      Path target,
      MaxMindGeoLocator locator,
      HttpClient http,
      Clock clock,
      long maxBytes,
      Duration timeout) {
    this(
        urlTemplate,
        licenseKey,
        target,
        locator,
        constant(Objects.requireNonNull(http, "http")),
        clock,
        maxBytes,
        timeout);
  }

  /**
   * As the other constructor, with the HTTP client made only when the first download starts: an
   * {@link HttpClient} loads the default TLS context (the CA certificates) and starts a selector
   * thread, which start-up should not pay for when nothing is ever downloaded.
   *
   * @param urlTemplate {@code GEOLITE_DB_URL}; {@code %s} stands for the licence key
   * @param licenseKey {@code MAXMIND_LICENSE_KEY}
   * @param target {@code GEOLITE_DB_PATH}
   * @param locator reloaded after a successful download
   * @param http makes the client, called at most once, on the first download
   * @param clock for the database's age
   * @param maxBytes the most that is read from the server (compressed) or written (database)
   * @param timeout for the whole download
   */
  public GeoDatabaseUpdater(
      String urlTemplate,
      Optional<String> licenseKey,
      Path target,
      MaxMindGeoLocator locator,
      Supplier<HttpClient> http,
      Clock clock,
      long maxBytes,
      Duration timeout) {
    this.urlTemplate = Objects.requireNonNull(urlTemplate, "urlTemplate");
    this.licenseKey = Objects.requireNonNull(licenseKey, "licenseKey");
    this.target = Objects.requireNonNull(target, "target");
    this.locator = Objects.requireNonNull(locator, "locator");
    this.http = memoized(Objects.requireNonNull(http, "http"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxBytes = maxBytes;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Whether there is anything to download from: a licence key, or a URL of one's own. */
  public boolean enabled() {
    return licenseKey.isPresent() || !urlTemplate.equals(DEFAULT_URL);
  }

  /** Downloads when the database is missing or stale. Never throws. */
  public Outcome updateIfStale() {
    if (!enabled()) {
      return Outcome.DISABLED;
    }
    try {
      if (Files.exists(target)
          && Files.getLastModifiedTime(target)
              .toInstant()
              .isAfter(clock.instant().minus(MAX_AGE))) {
        return Outcome.FRESH;
      }
      download();
      LOG.info("Geolocation database updated at {}", target);
      return Outcome.UPDATED;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Geolocation database update failed (will retry): {}", redact(message(e)));
      return Outcome.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.FAILED;
    }
  }

  private void download() throws IOException, InterruptedException {
    String url =
        urlTemplate.contains("%s")
            ? String.format(urlTemplate, licenseKey.orElse(""))
            : urlTemplate;
    HttpResponse<InputStream> response =
        http.get()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = new Bounded(response.body(), maxBytes)) {
      if (response.statusCode() != 200) {
        throw new IOException("the server answered " + response.statusCode());
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path temporary =
          Files.createTempFile(target.toAbsolutePath().getParent(), ".geolite-", ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(temporary)) {
          copyDatabase(body, out);
        }
        MaxMindGeoLocator.openChecked(temporary).close();
        move(temporary);
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
    locator.reload();
  }

  private void move(Path temporary) throws IOException {
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A gzip'ed tar (its first {@code .mmdb} entry) or a plain database, copied to {@code out}. */
  private void copyDatabase(InputStream body, OutputStream out) throws IOException {
    BufferedInputStream in = new BufferedInputStream(body);
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    if (!gzip) {
      in.transferTo(out);
      return;
    }
    InputStream tar = new Bounded(new GZIPInputStream(in), maxBytes);
    byte[] header = new byte[512];
    while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
      String name = field(header, 0, 100);
      String sizeField = field(header, 124, 12).trim();
      long size;
      try {
        size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
      } catch (NumberFormatException e) {
        throw new IOException("the archive is not a tar file", e);
      }
      char type = (char) header[156];
      if ((type == '0' || type == 0) && name.endsWith(".mmdb")) {
        copyExactly(tar, out, size, name);
        return;
      }
      tar.skipNBytes((size + 511) / 512 * 512);
    }
    throw new IOException("the archive holds no .mmdb file");
  }

  private static void copyExactly(InputStream in, OutputStream out, long size, String name)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("the archive ends inside " + name);
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }

  private String redact(String text) {
    return licenseKey.map(key -> text.replace(key, "***")).orElse(text);
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Reads at most {@code limit} bytes, then fails (a download larger than allowed). */
  private static final class Bounded extends FilterInputStream {
    private long left;
    private final long limit;

    Bounded(InputStream in, long limit) {
      super(in);
      this.left = limit;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        throw new IOException("larger than " + limit + " bytes");
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        throw new IOException("larger than " + limit + " bytes");
      }
      int n = super.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  private static Supplier<HttpClient> constant(HttpClient client) {
    return () -> client;
  }

  private static Supplier<HttpClient> memoized(Supplier<HttpClient> factory) {
    return new Supplier<>() {
      private HttpClient client;

      @Override
      public synchronized HttpClient get() {
        if (client == null) {
          client = Objects.requireNonNull(factory.get(), "http");
        }
        return client;
      }
    };
  }
}
