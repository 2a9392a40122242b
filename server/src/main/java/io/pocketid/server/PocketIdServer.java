package io.pocketid.server;

import io.pocketid.core.store.Storage;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.oidc.admin.LogoFetcher;
import io.pocketid.server.config.ConnectionLimits;
import io.pocketid.server.config.DatabaseSettings;
import io.pocketid.server.config.EnvironmentConfig;
import io.pocketid.server.config.HttpSettings;
import io.pocketid.server.config.KeySettings;
import io.pocketid.server.config.KeysStorage;
import io.pocketid.server.config.PathSettings;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.server.internal.fetch.Logos;
import io.pocketid.server.internal.http.BasePath;
import io.pocketid.server.internal.http.ConnectionLimitHandler;
import io.pocketid.server.internal.http.HealthHandler;
import io.pocketid.server.internal.http.Redirects;
import io.pocketid.server.internal.http.SecurityHeadersHandler;
import io.pocketid.server.internal.http.StartupGate;
import io.pocketid.server.internal.http.TrailingSlashHandler;
import io.pocketid.server.internal.runtime.Geolocation;
import io.pocketid.storage.jdbc.ConnectionStrings;
import io.pocketid.storage.jdbc.JdbcStorage;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The Pocket ID server: the listener, start-up (storage, then {@code Wiring}) and shutdown.
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
  // No static logger: the first log call configures logback, which should not delay the start of
  // opening the database (see start()).
  private static final long SHUTDOWN_GRACE_MILLIS = 5_000;
  private static final long STORAGE_WAIT_MILLIS = 30_000;

  private volatile ServerSettings settings;
  private final boolean appUrlFollowsPort;
  private final boolean writesFiles;
  private final CompletableFuture<Void> urlKnown = new CompletableFuture<>();
  private final Supplier<Storage> storageOpener;
  private final boolean ownDatabase;
  private final String storageDescription;
  private final CompletableFuture<Storage> storage = new CompletableFuture<>();
  private final CompletableFuture<Wiring> wiring = new CompletableFuture<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Clock clock;
  private final ConnectionLimits limits;
  private final LogoFetcher logoFetcher;
  private GracefulShutdownHandler root;
  private HealthHandler health;
  private Undertow undertow;
  private boolean stopping;
  private long startNanos;

  private PocketIdServer(
      ServerSettings settings,
      Supplier<Storage> givenStorage,
      Clock clock,
      ConnectionLimits limits,
      LogoFetcher logoFetcher,
      boolean appUrlFollowsPort,
      boolean writesFiles) {
    this.settings = settings;
    this.logoFetcher = logoFetcher;
    this.appUrlFollowsPort = appUrlFollowsPort;
    this.writesFiles = writesFiles;
    this.clock = clock;
    this.limits = limits;
    this.ownDatabase = givenStorage == null;
    if (givenStorage == null) {
      DatabaseSettings database = settings.database();
      this.storageOpener = () -> JdbcStorage.open(database.jdbc());
      this.storageDescription = database.describe();
    } else {
      this.storageOpener =
          () -> Objects.requireNonNull(givenStorage.get(), "the storage opener returned null");
      this.storageDescription = "embedder-supplied storage";
    }
  }

  private static Logger log() {
    return LoggerFactory.getLogger(PocketIdServer.class);
  }

  public static Builder builder() {
    return new Builder();
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
      throw new IllegalStateException(stopping ? "stopped; build a new server" : "already started");
    }
    createDirectories();
    // The database opens on its own thread while logging, handlers and Undertow start here.
    beginOpening();
    warnAboutUnimplementedSwitches();
    HttpSettings http = settings.http();
    undertow =
        workerThreads(Undertow.builder())
            .addHttpListener(http.port(), http.host())
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, http.maxRequestBodyBytes())
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 1024 * 1024)
            // Slow clients (security finding 2): a request head must arrive within the header
            // timeout, an idle connection is closed, a stalled write fails; bodies are read on the
            // I/O thread (BufferedBodyHandler) within the body timeout. No READ_TIMEOUT: no read
            // blocks a worker, and its timer fails on an I/O thread that stop() is terminating.
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(limits.headerTimeout()))
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(limits.idleTimeout()))
            .setSocketOption(Options.WRITE_TIMEOUT, millis(limits.writeTimeout()))
            .setHandler(
                new ConnectionLimitHandler(
                    mounted(root),
                    limits.maxConnectionsPerAddress(),
                    limits.bodyTimeout(),
                    http.trustProxy() ? http.trustedProxies() : List.of()))
            .build();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      undertow = null;
      urlKnown.completeExceptionally(e);
      closeStorageWhenOpen();
      throw new IllegalStateException(
          "cannot listen on " + http.host() + ":" + http.port() + ": " + rootMessage(e), e);
    }
    if (appUrlFollowsPort) {
      // port(0) without a URL: the issuer and every URL name the port actually bound.
      String url = "http://localhost:" + port();
      settings =
          settings.withHttp(
              new HttpSettings(
                  url,
                  url,
                  http.host(),
                  port(),
                  http.trustProxy(),
                  http.maxRequestBodyBytes(),
                  http.trustedProxies()));
    }
    urlKnown.complete(null);
  }

  /**
   * Completes when the server is ready (storage open, services built, signing keys loaded: {@code
   * /healthz} can answer 204), or exceptionally when start-up failed.
   */
  public CompletableFuture<Void> ready() {
    return wiring.thenApply(w -> null);
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
   * Undertow. The first call creates the directories and starts opening the storage. With an
   * application URL that has a path ({@code http://localhost:8080/auth}), mount it at that path
   * with a prefix handler ({@code Handlers.path().addPrefixPath("/auth", server.handler())}):
   * pages, redirects and cookies then use the mount point.
   */
  public synchronized HttpHandler handler() {
    if (root == null) {
      createDirectories();
      beginOpening();
      urlKnown.complete(null);
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
    log().info("Shutting down");
    GracefulShutdownHandler handler;
    synchronized (this) {
      handler = root;
    }
    if (handler != null) {
      awaitRequests(handler);
    }
    synchronized (this) {
      if (undertow != null) {
        undertow.stop();
      }
    }
    if (handler != null) {
      // Start-up was begun: let it finish (it may be writing a key file), then close it all.
      closeWhenDone(wiring);
      closeStorageWhenOpen();
    }
    log().info("Stopped: listener closed, database closed");
    stopped.countDown();
  }

  private static void awaitRequests(GracefulShutdownHandler handler) {
    handler.shutdown();
    try {
      if (!handler.awaitShutdown(SHUTDOWN_GRACE_MILLIS)) {
        log().warn("Requests still running after {} ms; stopping anyway", SHUTDOWN_GRACE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until {@link #stop()} has finished. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /**
   * Starts opening the storage, then builds the application (the {@link Wiring}) on its own thread;
   * the root handler exists at once and holds requests until the application does.
   */
  private void beginOpening() {
    if (root != null) {
      return;
    }
    startNanos = System.nanoTime();
    background("pocket-id-storage-open", () -> complete(storage, storageOpener));
    // While the database opens, the heaviest libraries of the wiring load on another thread.
    background("pocket-id-warm-up", Wiring::warmUp);
    Geolocation geo = Geolocation.open(settings.geo(), clock);
    storage.whenComplete(
        (opened, failure) -> {
          if (failure != null) {
            log().error("Cannot open the database: {}", describeFailure(failure));
            wiring.completeExceptionally(failure);
            return;
          }
          urlKnown.whenComplete(
              (ok, notListening) -> {
                if (notListening == null) {
                  background("pocket-id-wiring", () -> wire(opened, geo));
                } else {
                  wiring.completeExceptionally(notListening);
                }
              });
        });
    health =
        new HealthHandler(
            () ->
                wiring.isDone() && !wiring.isCompletedExceptionally()
                    ? Optional.of(storage.join()::isReachable)
                    : Optional.empty());
    String appUrl = settings.http().appUrl();
    HttpHandler application = new StartupGate(wiring.thenApply(Wiring::handler), health);
    root =
        new GracefulShutdownHandler(
            new SecurityHeadersHandler(
                new TrailingSlashHandler(application), appUrl.startsWith("https:")));
  }

  /**
   * The listener's handler: the application at the root, or under the path of {@code APP_URL}
   * ({@code /auth}) with {@code /healthz} also answered at the root (for the container's health
   * check), the mount point without its slash sent to it, and everything else 404.
   */
  private HttpHandler mounted(HttpHandler application) {
    String base = BasePath.ofAppUrl(settings.http().appUrl());
    if (base.isEmpty()) {
      return application;
    }
    PathHandler paths =
        new PathHandler(
            exchange -> {
              if (exchange.getRelativePath().equals("/healthz")) {
                health.handleRequest(exchange);
              } else {
                exchange.setStatusCode(StatusCodes.NOT_FOUND);
                exchange.endExchange();
              }
            });
    paths.addPrefixPath(
        base,
        exchange -> {
          if (exchange.getRelativePath().isEmpty()) {
            Redirects.send(exchange, StatusCodes.MOVED_PERMANENTLY, "/");
          } else {
            application.handleRequest(exchange);
          }
        });
    return paths;
  }

  private void wire(Storage opened, Geolocation geo) {
    Wiring built;
    try {
      built = new Wiring(settings, opened, clock, geo, logoFetcher);
    } catch (RuntimeException | Error e) {
      log().error("Cannot start: {}", describeFailure(e), e);
      wiring.completeExceptionally(e);
      return;
    }
    synchronized (this) {
      if (!stopping) {
        built.jobs().start();
      }
    }
    wiring.complete(built);
    logReady();
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
    closeWhenDone(storage);
  }

  /** Waits (up to 30 s) for what is being opened or built, then closes it. */
  private static void closeWhenDone(CompletableFuture<? extends AutoCloseable> opening) {
    try {
      opening.get(STORAGE_WAIT_MILLIS, TimeUnit.MILLISECONDS).close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Never opened or built: nothing to close.
      opening.cancel(false);
    }
  }

  private void warnAboutUnimplementedSwitches() {
    if (settings.observability().metricsEnabled()) {
      log().warn("METRICS_ENABLED is set, but metrics are not implemented yet");
    }
    if (settings.observability().tracingEnabled()) {
      log().warn("TRACING_ENABLED is set, but tracing is not implemented yet");
    }
  }

  private void createDirectories() {
    if (writesFiles) {
      createDirectory("UPLOAD_PATH", settings.paths().uploadPath());
    }
    if (settings.keys().storage() == KeysStorage.FILE) {
      createDirectory("KEYS_PATH", settings.paths().keysPath());
    }
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
    String where;
    synchronized (this) {
      where =
          undertow == null
              ? "mounted in the embedding server"
              : "on " + settings.http().host() + ":" + port();
    }
    log()
        .info(
            "Pocket ID {} ready {} (APP_URL {}), database {}, in {} ms{}",
            Version.current(),
            where,
            settings.http().appUrl(),
            storageDescription,
            millis,
            jvm);
  }

  /**
   * The worker pool's size: Undertow's default (8 per I/O thread, 16 on two cores) unless the
   * system property {@code pocketid.http.workerThreads} names another (for measurements; see
   * docs/performance.md).
   */
  private static Undertow.Builder workerThreads(Undertow.Builder builder) {
    Integer workers = Integer.getInteger("pocketid.http.workerThreads");
    return workers == null || workers < 1 ? builder : builder.setWorkerThreads(workers);
  }

  private static int millis(Duration duration) {
    return (int) duration.toMillis();
  }

  /** The first meaningful message and, when different, the root cause; one line. */
  static String describeFailure(Throwable e) {
    Throwable top = e;
    while (top instanceof java.util.concurrent.CompletionException && top.getCause() != null) {
      top = top.getCause();
    }
    Throwable root = top;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = top.getMessage() == null ? top.getClass().getSimpleName() : top.getMessage();
    if (root == top) {
      return first.replace('\n', ' ');
    }
    return (first + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")")
        .replace('\n', ' ');
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
    private Supplier<Storage> storage;
    private Path dataDirectory;
    private KeySettings keys;
    private Path keysDirectory;
    private Clock clock = Clock.systemUTC();
    private ConnectionLimits limits = ConnectionLimits.DEFAULTS;
    private LogoFetcher logoFetcher = Logos.guardedFetcher();

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
      Objects.requireNonNull(newStorage, "storage");
      this.storage = () -> newStorage;
      return this;
    }

    /**
     * Open the storage with this function, in the background when the server starts ({@code
     * /healthz} answers 503 until it returns); the server closes the result.
     */
    public Builder storage(Supplier<Storage> opener) {
      this.storage = Objects.requireNonNull(opener, "opener");
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

    /**
     * Keep the signing keys in memory only: new keys at every start (tokens signed before a restart
     * no longer verify), nothing written. The default when neither {@link #settings} nor {@link
     * #dataDirectory} is given.
     */
    public Builder keysInMemory() {
      this.keys = new KeySettings(KeysStorage.MEMORY, null);
      this.keysDirectory = null;
      return this;
    }

    /**
     * Keep the current signing key as Pocket ID's {@code jwt_private_key.json} in {@code directory}
     * ({@code KEYS_STORAGE=file}); encrypted with {@code encryptionKey} when not null.
     */
    public Builder keysIn(Path directory, byte[] encryptionKey) {
      this.keys = new KeySettings(KeysStorage.FILE, encryptionKey);
      this.keysDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Keep the signing keys in the storage, encrypted with {@code encryptionKey} ({@code
     * KEYS_STORAGE=database}).
     */
    public Builder keysInDatabase(byte[] encryptionKey) {
      this.keys =
          new KeySettings(KeysStorage.DATABASE, Objects.requireNonNull(encryptionKey, "key"));
      this.keysDirectory = null;
      return this;
    }

    /** The clock for timestamps (default: system UTC). */
    public Builder clock(Clock newClock) {
      this.clock = Objects.requireNonNull(newClock, "clock");
      return this;
    }

    /**
     * Timeouts and the per-address connection limit of the server's own listener (default {@link
     * ConnectionLimits#DEFAULTS}).
     */
    public Builder connectionLimits(ConnectionLimits newLimits) {
      this.limits = Objects.requireNonNull(newLimits, "connectionLimits");
      return this;
    }

    /**
     * How client logos given by URL are downloaded. The default refuses private, loopback,
     * link-local and other internal addresses (checked after DNS and at every redirect) and bounds
     * size (2 MiB) and time (10 s); {@link LogoFetcher#DISABLED} turns logos by URL off.
     */
    public Builder logoFetcher(LogoFetcher newFetcher) {
      this.logoFetcher = Objects.requireNonNull(newFetcher, "logoFetcher");
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
              http.maxRequestBodyBytes(),
              http.trustedProxies());
      base = base.withHttp(http);
      // Embedded without settings or a directory: nothing is written anywhere unless asked for —
      // an in-memory store and in-memory keys unless others are given.
      boolean bare = settings == null && dataDirectory == null;
      Supplier<Storage> chosenStorage = storage;
      if (bare && chosenStorage == null) {
        InMemoryStorage memory = new InMemoryStorage();
        chosenStorage = () -> memory;
      }
      KeySettings chosenKeys =
          keys != null ? keys : bare ? new KeySettings(KeysStorage.MEMORY, null) : null;
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
      if (chosenKeys != null) {
        base = base.withKeys(chosenKeys);
        if (keysDirectory != null) {
          base = base.withPaths(new PathSettings(base.paths().uploadPath(), keysDirectory));
        }
      }
      boolean followPort = appUrl == null && settings == null && http.port() == 0;
      return new PocketIdServer(
          base,
          chosenStorage,
          clock,
          limits,
          logoFetcher,
          followPort,
          settings != null || dataDirectory != null);
    }
  }
}
