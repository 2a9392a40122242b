package io.pocketid.geo;

import com.maxmind.db.Reader;
import io.pocketid.core.audit.GeoLocator;
import io.pocketid.core.net.IpRange;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Country and city (English names) from a MaxMind City database, internal networks named first
 * ({@link InternalNetworks}). {@link #locate} never throws and never looks up a host name: an
 * address that is not an IP literal, an address the database does not know, a missing database, or
 * one that fails at a lookup all give {@link Location#UNKNOWN}. {@link #reload} swaps in a new file
 * (after a download) without a restart.
 */
public final class MaxMindGeoLocator implements GeoLocator, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MaxMindGeoLocator.class);

  /** Addresses looked up when a database is opened, so a corrupt file is refused at once. */
  private static final List<String> PROBES =
      List.of("81.2.69.142", "8.8.8.8", "1.1.1.1", "2001:218::1", "2a00:1450::1");

  private final Path database;
  private final InternalNetworks internal;
  private final AtomicReference<Reader> reader = new AtomicReference<>();
  private FileStamp loadedStamp;
  private FileStamp refusedStamp;

  private MaxMindGeoLocator(Path database, InternalNetworks internal) {
    this.database = database;
    this.internal = internal;
  }

  /**
   * A locator over {@code database}. Never throws: a missing file gets one warning, a file that is
   * not a usable City database one error naming the file and the problem; either way internal
   * networks are still named and other addresses are unknown until {@link #reloadIfChanged} finds a
   * good file.
   */
  public static MaxMindGeoLocator open(Path database, List<IpRange> localIpv6Ranges) {
    MaxMindGeoLocator locator =
        new MaxMindGeoLocator(database, new InternalNetworks(localIpv6Ranges));
    if (!Files.exists(database)) {
      LOG.warn("No geolocation database at {}: the audit log records no location", database);
      return locator;
    }
    try {
      locator.reload();
    } catch (GeoDatabaseException e) {
      LOG.error("{}; the audit log records no location until it is replaced", e.getMessage());
    }
    return locator;
  }

  /**
   * The database file for a configured {@code GEOLITE_DB_PATH}: the path itself, or {@code
   * GeoLite2-City.mmdb} inside it when it is a directory (Pocket ID's image sets a directory
   * there).
   */
  public static Path databaseFile(Path configured) {
    return Files.isDirectory(configured) ? configured.resolve("GeoLite2-City.mmdb") : configured;
  }

  /**
   * Opens {@code file} and looks up a few addresses, so a corrupt database is refused here and not
   * at a sign-in.
   *
   * @throws GeoDatabaseException when it cannot be used
   */
  static Reader openChecked(Path file) {
    Reader opened;
    try {
      opened = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED);
    } catch (IOException | RuntimeException e) {
      throw new GeoDatabaseException(
          "geolocation database " + file + " is unreadable or corrupt: " + describe(e), e);
    }
    try {
      String type = opened.getMetadata().getDatabaseType();
      if (type == null || !type.toLowerCase(Locale.ROOT).contains("city")) {
        throw new GeoDatabaseException(
            "geolocation database " + file + " is a " + type + " database, not a City database");
      }
      for (String probe : PROBES) {
        opened.get(InetAddress.getByName(probe), Map.class);
      }
      return opened;
    } catch (IOException | RuntimeException e) {
      closeQuietly(opened);
      if (e instanceof GeoDatabaseException g) {
        throw g;
      }
      throw new GeoDatabaseException(
          "geolocation database " + file + " is corrupt: " + describe(e), e);
    }
  }

  /**
   * Opens the database file again (after it was replaced) and swaps it in; lookups go on against
   * the old one meanwhile, and it is closed after the swap.
   *
   * @throws GeoDatabaseException when the new file cannot be used (the old one stays in use)
   */
  public synchronized void reload() {
    FileStamp stamp = FileStamp.of(database);
    Reader fresh = openChecked(database);
    loadedStamp = stamp;
    closeQuietly(reader.getAndSet(fresh));
  }

  /**
   * Reloads when the file changed (modification time or size) since it was loaded; a broken new
   * file is logged and the last good one stays in use. For a periodic job.
   *
   * @return whether a new file was loaded
   */
  public synchronized boolean reloadIfChanged() {
    FileStamp now = FileStamp.of(database);
    if (now == null || now.equals(loadedStamp) || now.equals(refusedStamp)) {
      return false;
    }
    try {
      reload();
      LOG.info("Geolocation database {} reloaded", database);
      return true;
    } catch (GeoDatabaseException e) {
      refusedStamp = now;
      LOG.error("{}; the previous database stays in use", e.getMessage());
      return false;
    }
  }

  /** A file's modification time and size, or null when it does not exist. */
  private record FileStamp(long modifiedMillis, long size) {
    static FileStamp of(Path file) {
      try {
        return new FileStamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
      } catch (IOException e) {
        return null;
      }
    }
  }

  /** Whether a database is loaded. */
  public boolean loaded() {
    return reader.get() != null;
  }

  @Override
  public Location locate(String ipAddress) {
    Optional<InetAddress> address = literal(ipAddress);
    if (address.isEmpty()) {
      return Location.UNKNOWN;
    }
    Optional<Location> local = internal.classify(address.get());
    if (local.isPresent()) {
      return local.get();
    }
    Reader current = reader.get();
    if (current == null) {
      return Location.UNKNOWN;
    }
    try {
      Map<?, ?> record = current.get(address.get(), Map.class);
      return record == null
          ? Location.UNKNOWN
          : new Location(englishName(record.get("country")), englishName(record.get("city")));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Geolocation lookup failed: {}", describe(e));
      return Location.UNKNOWN;
    }
  }

  private static Optional<InetAddress> literal(String ipAddress) {
    if (ipAddress == null || ipAddress.isEmpty() || ipAddress.length() > 64) {
      return Optional.empty();
    }
    try {
      return Optional.of(IpRange.literal(ipAddress));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String englishName(Object place) {
    if (place instanceof Map<?, ?> map && map.get("names") instanceof Map<?, ?> names) {
      Object english = names.get("en");
      return english instanceof String s ? s : null;
    }
    return null;
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void closeQuietly(Reader r) {
    if (r != null) {
      try {
        r.close();
      } catch (IOException e) {
        LOG.debug("closing a geolocation database", e);
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(reader.getAndSet(null));
  }
}
