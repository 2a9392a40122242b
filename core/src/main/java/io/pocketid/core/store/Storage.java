package io.pocketid.core.store;

import java.util.function.Supplier;

/**
 * The storage backend: every store, transactions and a health probe. Implementations: {@link
 * io.pocketid.core.store.memory.InMemoryStorage} and {@code io.pocketid.storage.jdbc.JdbcStorage}.
 *
 * <p>Transactions: inside {@link #inTransaction(Supplier)}, every call on this storage's stores
 * made by the same thread belongs to one unit of work, committed when the supplier returns and
 * rolled back when it throws (the exception is rethrown). Nested calls join the outer transaction.
 */
public interface Storage extends AutoCloseable {
  UserStore users();

  UserGroupStore groups();

  CustomClaimStore customClaims();

  OidcClientStore clients();

  AuthorizationCodeStore authorizationCodes();

  UsedCodeStore usedCodes();

  RevokedGrantStore revokedGrants();

  RefreshTokenStore refreshTokens();

  DeviceCodeStore deviceCodes();

  ConsentStore consents();

  LoginCodeStore loginCodes();

  ReauthenticationTokenStore reauthenticationTokens();

  SignupTokenStore signupTokens();

  ApiKeyStore apiKeys();

  PasskeyStore passkeys();

  WebauthnChallengeStore webauthnChallenges();

  SessionStore sessions();

  AuditLogStore auditLog();

  AppConfigStore appConfig();

  SigningKeyStore signingKeys();

  KeyValueStore keyValues();

  /** Runs {@code work} as one unit of work and returns its result. */
  <T> T inTransaction(Supplier<T> work);

  /**
   * Runs read-only {@code work} as one unit where the backend offers it: one connection and one
   * snapshot for all its reads (JDBC: a reader connection, so it never waits for SQLite's writer).
   * Inside a {@link #inTransaction} it joins that transaction. The work must not write: a backend
   * may refuse writes here. The default runs the work as it is.
   */
  default <T> T readOnly(Supplier<T> work) {
    return work.get();
  }

  /** Runs {@code work} as one unit of work. */
  default void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  /** Whether the backend answers now (a cheap round trip; used by {@code /healthz}). */
  boolean isReachable();

  /** Releases resources (pools, files). Idempotent. */
  @Override
  void close();
}
