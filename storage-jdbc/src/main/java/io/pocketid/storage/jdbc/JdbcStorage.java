package io.pocketid.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
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
import io.pocketid.storage.jdbc.internal.Db;
import io.pocketid.storage.jdbc.internal.JdbcClientStore;
import io.pocketid.storage.jdbc.internal.JdbcConsentStore;
import io.pocketid.storage.jdbc.internal.JdbcCustomClaimStore;
import io.pocketid.storage.jdbc.internal.JdbcGroupStore;
import io.pocketid.storage.jdbc.internal.JdbcMiscStores;
import io.pocketid.storage.jdbc.internal.JdbcPasskeyStore;
import io.pocketid.storage.jdbc.internal.JdbcSignInStores;
import io.pocketid.storage.jdbc.internal.JdbcSigningKeyStore;
import io.pocketid.storage.jdbc.internal.JdbcTokenStores;
import io.pocketid.storage.jdbc.internal.JdbcUserStore;
import io.pocketid.storage.jdbc.internal.Mybatis;
import io.pocketid.storage.jdbc.internal.SchemaMigrator;
import io.pocketid.storage.jdbc.internal.adopt.AdoptionException;
import io.pocketid.storage.jdbc.internal.adopt.PocketIdAdoption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The storage SPI on JDBC (MyBatis over HikariCP, schema by Liquibase), for SQLite and PostgreSQL.
 *
 * <p>SQLite: one writer connection (writes and transactions one at a time, {@code BEGIN IMMEDIATE})
 * and a pool of reader connections; WAL, {@code foreign_keys=ON}, {@code synchronous=NORMAL} and a
 * busy timeout on every connection. PostgreSQL: one pool.
 */
public final class JdbcStorage implements Storage {
  private final JdbcSettings settings;
  private final HikariDataSource writers;
  private final HikariDataSource readers;
  private final Db db;
  private final SchemaMigrator.Outcome migration;
  private final AtomicBoolean closed = new AtomicBoolean();
  private static final long PROBE_TIMEOUT_MILLIS = 2000;
  private final ExecutorService prober =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "pocket-id-db-probe");
            t.setDaemon(true);
            return t;
          });
  private final AtomicReference<CompletableFuture<Boolean>> inFlightProbe = new AtomicReference<>();

  private final UserStore users;
  private final UserGroupStore groups;
  private final CustomClaimStore customClaims;
  private final OidcClientStore clients;
  private final AuthorizationCodeStore authorizationCodes;
  private final UsedCodeStore usedCodes;
  private final RevokedGrantStore revokedGrants;
  private final RefreshTokenStore refreshTokens;
  private final DeviceCodeStore deviceCodes;
  private final ConsentStore consents;
  private final LoginCodeStore loginCodes;
  private final ReauthenticationTokenStore reauthenticationTokens;
  private final SignupTokenStore signupTokens;
  private final ApiKeyStore apiKeys;
  private final PasskeyStore passkeys;
  private final WebauthnChallengeStore webauthnChallenges;
  private final SessionStore sessions;
  private final AuditLogStore auditLog;
  private final AppConfigStore appConfig;
  private final SigningKeyStore signingKeys;
  private final KeyValueStore keyValues;
  private final ImageStore images;

  private JdbcStorage(
      JdbcSettings settings,
      HikariDataSource writers,
      HikariDataSource readers,
      SqlSessionFactory mybatis,
      SchemaMigrator.Outcome migration) {
    this.settings = settings;
    this.writers = writers;
    this.readers = readers;
    this.migration = migration;
    this.db =
        new Db(
            settings.dialect(),
            writers,
            readers,
            mybatis,
            settings.connectionTimeout().multipliedBy(3));
    users = new JdbcUserStore(db);
    groups = new JdbcGroupStore(db);
    customClaims = new JdbcCustomClaimStore(db, Clock.systemUTC());
    clients = new JdbcClientStore(db);
    authorizationCodes = new JdbcTokenStores.Codes(db);
    usedCodes = new JdbcTokenStores.UsedCodes(db);
    revokedGrants = new JdbcTokenStores.RevokedGrants(db);
    refreshTokens = new JdbcTokenStores.Refresh(db);
    deviceCodes = new JdbcTokenStores.Devices(db);
    consents = new JdbcConsentStore(db);
    loginCodes = new JdbcSignInStores.LoginCodes(db);
    reauthenticationTokens = new JdbcSignInStores.Reauth(db);
    signupTokens = new JdbcSignInStores.Signups(db);
    apiKeys = new JdbcSignInStores.ApiKeys(db);
    passkeys = new JdbcPasskeyStore(db);
    webauthnChallenges = new JdbcSignInStores.Challenges(db);
    sessions = new JdbcSignInStores.Sessions(db);
    auditLog = new JdbcMiscStores.AuditLog(db);
    appConfig = new JdbcMiscStores.AppConfig(db);
    signingKeys = new JdbcSigningKeyStore(db);
    keyValues = new JdbcMiscStores.KeyValues(db);
    images = new JdbcMiscStores.Images(db);
  }

  /**
   * Opens the pool and brings the schema up to date (Liquibase runs only when the changelog changed
   * since the last successful update).
   *
   * @throws StorageException when the database cannot be reached or migrated; the message names the
   *     database (never the password) and the cause
   */
  public static JdbcStorage open(JdbcSettings settings) {
    java.util.Objects.requireNonNull(settings, "settings");
    // Parsing the mappers overlaps with starting the pools and checking the schema.
    CompletableFuture<SqlSessionFactory> mybatis =
        CompletableFuture.supplyAsync(() -> Mybatis.sessionFactory(settings.dialect()));
    adoptPocketId(settings);
    Pools pools = Pools.open(settings);
    try {
      SchemaMigrator.Outcome outcome;
      try (Connection conn = pools.writers().getConnection()) {
        outcome = SchemaMigrator.migrate(conn, settings.dialect());
      }
      return new JdbcStorage(settings, pools.writers(), pools.readers(), mybatis.join(), outcome);
    } catch (Exception e) {
      pools.close();
      throw new StorageException(
          "cannot open or migrate the database "
              + Pools.describe(settings)
              + ": "
              + rootMessage(e, settings),
          e);
    }
  }

  /**
   * Refuses a foreign database or an unknown Pocket ID version, and adopts a Pocket ID v1.15 one,
   * before the pools (which switch SQLite to WAL) or Liquibase write anything.
   */
  private static void adoptPocketId(JdbcSettings settings) {
    Optional<Path> file =
        settings.dialect() == Dialect.SQLITE
            ? Optional.of(SqliteFiles.databaseFile(settings.jdbcUrl()))
            : Optional.empty();
    try {
      new PocketIdAdoption(settings, file, Clock.systemUTC()).run();
    } catch (AdoptionException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      throw new StorageException(
          "cannot inspect or adopt the database "
              + Pools.describe(settings)
              + ": "
              + rootMessage(e, settings),
          e);
    }
  }

  /** The root cause for a message, with the password (if any) masked. */
  static String rootMessage(Throwable e, JdbcSettings settings) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String msg = String.valueOf(t.getMessage());
    if (settings.password() != null && !settings.password().isEmpty()) {
      msg = msg.replace(settings.password(), "***");
    }
    return t.getClass().getSimpleName() + ": " + msg;
  }

  /** Whether this open ran Liquibase (false: the stored checksum matched). For tests and logs. */
  public boolean migratedOnOpen() {
    return migration == SchemaMigrator.Outcome.MIGRATED;
  }

  /** The settings this storage was opened with. */
  public JdbcSettings settings() {
    return settings;
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public UserGroupStore groups() {
    return groups;
  }

  @Override
  public CustomClaimStore customClaims() {
    return customClaims;
  }

  @Override
  public OidcClientStore clients() {
    return clients;
  }

  @Override
  public AuthorizationCodeStore authorizationCodes() {
    return authorizationCodes;
  }

  @Override
  public UsedCodeStore usedCodes() {
    return usedCodes;
  }

  @Override
  public RevokedGrantStore revokedGrants() {
    return revokedGrants;
  }

  @Override
  public RefreshTokenStore refreshTokens() {
    return refreshTokens;
  }

  @Override
  public DeviceCodeStore deviceCodes() {
    return deviceCodes;
  }

  @Override
  public ConsentStore consents() {
    return consents;
  }

  @Override
  public LoginCodeStore loginCodes() {
    return loginCodes;
  }

  @Override
  public ReauthenticationTokenStore reauthenticationTokens() {
    return reauthenticationTokens;
  }

  @Override
  public SignupTokenStore signupTokens() {
    return signupTokens;
  }

  @Override
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  @Override
  public PasskeyStore passkeys() {
    return passkeys;
  }

  @Override
  public WebauthnChallengeStore webauthnChallenges() {
    return webauthnChallenges;
  }

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public AuditLogStore auditLog() {
    return auditLog;
  }

  @Override
  public AppConfigStore appConfig() {
    return appConfig;
  }

  @Override
  public SigningKeyStore signingKeys() {
    return signingKeys;
  }

  @Override
  public KeyValueStore keyValues() {
    return keyValues;
  }

  @Override
  public ImageStore images() {
    return images;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    java.util.Objects.requireNonNull(work, "work");
    return db.inTransaction(work);
  }

  @Override
  public <T> T readOnly(Supplier<T> work) {
    java.util.Objects.requireNonNull(work, "work");
    return db.readOnly(work);
  }

  /**
   * A {@code SELECT 1} on a reader connection. Answers within {@value #PROBE_TIMEOUT_MILLIS} ms
   * even when the database hangs or the pool is exhausted; concurrent callers share one probe, so a
   * hanging database never piles up threads.
   */
  @Override
  public boolean isReachable() {
    if (closed.get()) {
      return false;
    }
    CompletableFuture<Boolean> probe =
        inFlightProbe.updateAndGet(
            f -> f != null && !f.isDone() ? f : CompletableFuture.supplyAsync(this::probe, prober));
    try {
      return probe.get(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    }
  }

  private boolean probe() {
    try (Connection conn = readers.getConnection()) {
      if (settings.dialect() == Dialect.POSTGRES) {
        conn.setNetworkTimeout(Runnable::run, (int) PROBE_TIMEOUT_MILLIS);
      }
      try (Statement st = conn.createStatement()) {
        st.setQueryTimeout((int) (PROBE_TIMEOUT_MILLIS / 1000));
        try (ResultSet rs = st.executeQuery("SELECT 1")) {
          return rs.next();
        }
      }
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      prober.shutdownNow();
      if (readers != writers) {
        readers.close();
      }
      writers.close();
    }
  }
}
