package io.pocketid.core.store.memory;

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
import io.pocketid.core.store.UsedCodeStore;
import io.pocketid.core.store.UserGroupStore;
import io.pocketid.core.store.UserStore;
import io.pocketid.core.store.WebauthnChallengeStore;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The reference implementation of {@link Storage}: everything in memory, nothing persisted. Use it
 * in tests and in embedded set-ups that do not need to survive a restart.
 *
 * <p>Concurrency: one lock guards all data; every store operation holds it for its duration, so
 * every operation is atomic and {@code consume}, {@code use} and {@code markRotated} have at most
 * one winner. {@link #inTransaction(Supplier)} holds the lock for the whole unit of work (other
 * threads wait) and, when the work throws, restores the data as it was when the outermost
 * transaction began. A nested transaction joins the outer one: an exception that an outer
 * transaction catches does not undo the inner work. Work inside a transaction must not wait for
 * another thread that uses this storage (it would deadlock).
 *
 * <p>Rows are immutable records, so reads return them as stored; a search, sort and page costs a
 * scan, which is fine for the sizes this store is meant for.
 *
 * <p>After {@link #close()}, {@link #isReachable()} is false and every store operation throws
 * {@link io.pocketid.core.store.StorageException}.
 */
public final class InMemoryStorage implements Storage {
  private final MemoryState state = new MemoryState();
  private final UserStore users = new MemoryUserStore(state);
  private final UserGroupStore groups = new MemoryGroupStore(state);
  private final CustomClaimStore customClaims = new MemoryCustomClaimStore(state);
  private final OidcClientStore clients = new MemoryClientStore(state);
  private final AuthorizationCodeStore authorizationCodes = new MemoryAuthorizationCodeStore(state);
  private final UsedCodeStore usedCodes = new MemoryUsedCodeStore(state);
  private final RevokedGrantStore revokedGrants = new MemoryRevokedGrantStore(state);
  private final RefreshTokenStore refreshTokens = new MemoryRefreshTokenStore(state);
  private final DeviceCodeStore deviceCodes = new MemoryDeviceCodeStore(state);
  private final ConsentStore consents = new MemoryConsentStore(state);
  private final LoginCodeStore loginCodes = new MemoryLoginCodeStore(state);
  private final ReauthenticationTokenStore reauthenticationTokens =
      new MemoryReauthenticationTokenStore(state);
  private final SignupTokenStore signupTokens = new MemorySignupTokenStore(state);
  private final ApiKeyStore apiKeys = new MemoryApiKeyStore(state);
  private final PasskeyStore passkeys = new MemoryPasskeyStore(state);
  private final WebauthnChallengeStore webauthnChallenges = new MemoryWebauthnChallengeStore(state);
  private final SessionStore sessions = new MemorySessionStore(state);
  private final AuditLogStore auditLog = new MemoryAuditLogStore(state);
  private final AppConfigStore appConfig = new MemoryAppConfigStore(state);
  private final SigningKeyStore signingKeys = new MemorySigningKeyStore(state);
  private final KeyValueStore keyValues = new MemoryKeyValueStore(state);
  private final ImageStore images = new MemoryImageStore(state);

  /** An empty storage. */
  public InMemoryStorage() {}

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
    Objects.requireNonNull(work, "work");
    return state.inTransaction(work);
  }

  @Override
  public boolean isReachable() {
    return state.isOpen();
  }

  @Override
  public void close() {
    state.close();
  }
}
