package io.pocketid.core.store;

/**
 * The storage backend: every store, transactions ({@link Transactions}) and a health probe.
 * Implementations: {@link io.pocketid.core.store.memory.InMemoryStorage} and {@code
 * io.pocketid.storage.jdbc.JdbcStorage}. Protocol code takes the stores it uses and {@link
 * Transactions}, not this facade.
 */
public interface Storage extends Transactions, AutoCloseable {
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

  ImageStore images();

  /** Whether the backend answers now (a cheap round trip; used by {@code /healthz}). */
  boolean isReachable();

  /** Releases resources (pools, files). Idempotent. */
  @Override
  void close();
}
