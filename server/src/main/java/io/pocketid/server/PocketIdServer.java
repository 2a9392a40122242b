package io.pocketid.server;

import io.pocketid.core.service.SetupService;
import io.pocketid.core.store.Storage;
import io.pocketid.server.config.AppConfigKey;
import io.pocketid.server.config.AppConfigSettings;
import io.pocketid.server.config.DatabaseSettings;
import io.pocketid.server.config.EnvironmentConfig;
import io.pocketid.server.config.GoBool;
import io.pocketid.server.config.HttpSettings;
import io.pocketid.server.config.PathSettings;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.server.internal.http.HealthHandler;
import io.pocketid.server.internal.http.JsonCodec;
import io.pocketid.server.internal.http.Routes;
import io.pocketid.server.internal.http.SecurityHeadersHandler;
import io.pocketid.server.internal.http.SetupHandler;
import io.pocketid.server.internal.http.StorageHolder;
import io.pocketid.server.internal.http.TrailingSlashHandler;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pocket ID server: the one place where everything is wired.
 *
 * <pre>{@code
 * PocketIdServer server = PocketIdServer.builder().port(0).storage(myStorage).build();
 * server.start();            // returns when listening; the database opens in parallel
 * int port = server.port();  // the actual port, also with port 0
 * server.stop();             // graceful: waits up to 5 s for requests, closes the storage
 * }</pre>
 *
 * <p>{@link #handler()} is the root handler, for mounting in an Undertow of your own. The server
 * owns its storage, also one passed to {@link Builder#storage(Storage)}: {@link #stop()} closes it.
 */
public final class PocketIdServer {
  private static final Logger LOG = LoggerFactory.getLogger(PocketIdServer.class);
  private static final long SHUTDOWN_GRACE_MILLIS = 5_000;
  private static final long STORAGE_WAIT_MILLIS = 30_000;

  private final ServerSettings settings;
  private final Supplier<Storage> storageOpener;
  private final boolean ownDatabase;
  private final String storageDescription;
  private final Clock clock;
  private final CompletableFuture<Storage> storage = new CompletableFuture<>();
  private final CompletableFuture<JsonCodec> json = new CompletableFuture<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final GracefulShutdownHandler root;
  private volatile SetupService setupService;
  private boolean opening;
  private Undertow undertow;
  private boolean stopping;
  private long startNanos;

  private PocketIdServer(ServerSettings settings, Storage givenStorage, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.ownDatabase = givenStorage == null;
    if (givenStorage == null) {
      DatabaseSettings database = settings.database();
      this.storageOpener = () -> JdbcStorage.open(database.jdbc());
      this.storageDescription = database.describe();
    } else {
      this.storageOpener = () -> givenStorage;
      this.storageDescription = givenStorage.getClass().getSimpleName();
    }
    this.root =
        new GracefulShutdownHandler(new SecurityHeadersHandler(new TrailingSlashHandler(routes())));
  }

  public static Builder builder() {
    return new Builder();
  }

  private Routes routes() {
    StorageHolder holder = new StorageHolder(storage);
    return new Routes()
        .direct(Methods.GET, "/healthz", new HealthHandler(holder))
        .blocking(
            Methods.POST,
            "/api/signup/setup",
            new SetupHandler(() -> setupService(holder), this::awaitJson));
  }

  /** The settings in use. */
  public ServerSettings settings() {
    return settings;
  }

  /**
   * Creates the directories, starts opening the storage and building the JSON runtime in the
   * background, and starts listening. Returns once the listener is bound.
   *
   * @throws IllegalStateException when already started or a directory cannot be created
   */
  public synchronized void start() {
    if (undertow != null || stopping) {
      throw new IllegalStateException("already started");
    }
    startNanos = System.nanoTime();
    createDirectories();
    beginOpening();
    HttpSettings http = settings.http();
    undertow =
        Undertow.builder()
            .addHttpListener(http.port(), http.host())
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, http.maxRequestBodyBytes())
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 1024 * 1024)
            .setHandler(root)
            .build();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      undertow = null;
      closeStorageWhenOpen();
      throw new IllegalStateException(
          "cannot listen on " + http.host() + ":" + http.port() + ": " + rootMessage(e), e);
    }
    storage.whenComplete(
        (opened, failure) -> {
          if (failure == null) {
            logReady();
          } else {
            LOG.error("Cannot open the database: {}", rootMessage(failure));
          }
        });
  }

  /**
   * Completes when the storage is open (and {@code /healthz} can answer 204), or exceptionally when
   * opening failed.
   */
  public CompletableFuture<Void> ready() {
    return storage.thenApply(s -> null);
  }

  /** The port the server listens on (the real one when 0 was configured). */
  public synchronized int port() {
    if (undertow == null) {
      throw new IllegalStateException("not started");
    }
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * The root handler (security headers, trailing-slash redirects, routes), for mounting in another
   * Undertow. Calling it starts opening the storage.
   */
  public HttpHandler handler() {
    synchronized (this) {
      beginOpening();
    }
    return root;
  }

  /**
   * Stops accepting requests, waits up to 5 s for those in flight, stops listening and closes the
   * storage. Idempotent.
   */
  public void stop() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    LOG.info("Shutting down");
    root.shutdown();
    try {
      if (!root.awaitShutdown(SHUTDOWN_GRACE_MILLIS)) {
        LOG.warn("Requests still running after {} ms; stopping anyway", SHUTDOWN_GRACE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (undertow != null) {
        undertow.stop();
      }
    }
    closeStorageWhenOpen();
    LOG.info("Stopped");
    stopped.countDown();
  }

  /** Blocks until {@link #stop()} has finished. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void beginOpening() {
    if (opening) {
      return;
    }
    opening = true;
    background("pocket-id-storage-open", () -> complete(storage, storageOpener));
    background("pocket-id-json-init", () -> complete(json, JsonCodec::create));
  }

  private static <T> void complete(CompletableFuture<T> future, Supplier<T> work) {
    try {
      future.complete(work.get());
    } catch (Throwable e) {
      future.completeExceptionally(e);
    }
  }

  private static void background(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void closeStorageWhenOpen() {
    try {
      storage.get(STORAGE_WAIT_MILLIS, TimeUnit.MILLISECONDS).close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Never opened: nothing to close.
      storage.cancel(false);
    }
  }

  private SetupService setupService(StorageHolder holder) {
    SetupService service = setupService;
    if (service == null) {
      Storage open = holder.await(STORAGE_WAIT_MILLIS);
      service =
          new SetupService(
              open, clock, () -> UUID.randomUUID().toString(), () -> requireUserEmail(open));
      setupService = service;
    }
    return service;
  }

  private boolean requireUserEmail(Storage open) {
    AppConfigSettings appConfig = settings.appConfig();
    AppConfigKey key = AppConfigKey.REQUIRE_USER_EMAIL;
    String value =
        appConfig.uiConfigDisabled()
            ? appConfig.get(key).orElse(key.defaultValue())
            : open.appConfig().loadAll().getOrDefault(key.key(), key.defaultValue());
    return GoBool.parse(value).orElse(Boolean.TRUE);
  }

  private JsonCodec awaitJson() {
    try {
      return json.get(STORAGE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("JSON runtime unavailable", e);
    }
  }

  private void createDirectories() {
    createDirectory("UPLOAD_PATH", settings.paths().uploadPath());
    createDirectory("KEYS_PATH", settings.paths().keysPath());
    if (ownDatabase) {
      settings
          .database()
          .sqliteFile()
          .map(Path::toAbsolutePath)
          .map(Path::getParent)
          .ifPresent(dir -> createDirectory("DB_CONNECTION_STRING", dir));
    }
  }

  private static void createDirectory(String variable, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new IllegalStateException(
          variable + ": cannot create directory " + dir + ": " + rootMessage(e), e);
    }
  }

  private void logReady() {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    String jvm =
        ProcessHandle.current()
            .info()
            .startInstant()
            .map(t -> ", " + (System.currentTimeMillis() - t.toEpochMilli()) + " ms since launch")
            .orElse("");
    LOG.info(
        "Pocket ID {} ready on {}:{} (APP_URL {}), database {}, in {} ms{}",
        Version.current(),
        settings.http().host(),
        undertowPort(),
        settings.http().appUrl(),
        storageDescription,
        millis,
        jvm);
  }

  private String undertowPort() {
    try {
      return String.valueOf(port());
    } catch (IllegalStateException e) {
      return "(mounted)";
    }
  }

  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  /** Collects the parts; {@link #build()} checks them. */
  public static final class Builder {
    private ServerSettings settings;
    private Integer port;
    private String host;
    private String appUrl;
    private Storage storage;
    private Path dataDirectory;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** All settings at once (default: {@link ServerSettings#defaults()}). */
    public Builder settings(ServerSettings newSettings) {
      this.settings = Objects.requireNonNull(newSettings, "settings");
      return this;
    }

    /** The port; 0 picks a free one (see {@link PocketIdServer#port()}). */
    public Builder port(int newPort) {
      if (newPort < 0 || newPort > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + newPort);
      }
      this.port = newPort;
      return this;
    }

    public Builder host(String newHost) {
      this.host = Objects.requireNonNull(newHost, "host");
      return this;
    }

    /** {@code APP_URL}, checked and normalised as the environment variable is. */
    public Builder appUrl(String newAppUrl) {
      this.appUrl = Objects.requireNonNull(newAppUrl, "appUrl");
      return this;
    }

    /** Use this storage instead of opening the configured database; the server closes it. */
    public Builder storage(Storage newStorage) {
      this.storage = Objects.requireNonNull(newStorage, "storage");
      return this;
    }

    /**
     * Keep files under this directory: {@code uploads/}, {@code keys/} and, unless a database is
     * configured explicitly, the SQLite database {@code pocket-id.db}.
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "dataDirectory");
      return this;
    }

    /** The clock for timestamps (default: system UTC). */
    public Builder clock(Clock newClock) {
      this.clock = Objects.requireNonNull(newClock, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException when a value is invalid
     */
    public PocketIdServer build() {
      ServerSettings base = settings == null ? ServerSettings.defaults() : settings;
      HttpSettings http = base.http();
      String url =
          appUrl == null ? http.appUrl() : EnvironmentConfig.normalizeAppUrl("appUrl", appUrl);
      http =
          new HttpSettings(
              url,
              appUrl == null ? http.internalAppUrl() : url,
              host == null ? http.host() : host,
              port == null ? http.port() : port,
              http.trustProxy(),
              http.maxRequestBodyBytes());
      base = base.withHttp(http);
      if (dataDirectory != null) {
        base =
            base.withPaths(
                new PathSettings(dataDirectory.resolve("uploads"), dataDirectory.resolve("keys")));
        if (settings == null && storage == null) {
          base =
              base.withDatabase(
                  new DatabaseSettings(
                      ConnectionStrings.parse(
                          "sqlite", dataDirectory.resolve("pocket-id.db").toString())));
        }
      }
      return new PocketIdServer(base, storage, clock);
    }
  }
}
