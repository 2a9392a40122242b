package io.pocketid.server;

import io.pocketid.core.store.ApiKeyStore;
import io.pocketid.core.store.AppConfigStore;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.core.store.AuthorizationCodeStore;
import io.pocketid.core.store.ConsentStore;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DeviceCodeStore;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A storage with only a health probe and close: for /healthz and shutdown tests. */
final class FakeStorage implements Storage {
  final AtomicBoolean reachable = new AtomicBoolean(true);
  final AtomicInteger closed = new AtomicInteger();

  /** When set, the health probe waits for it: a request that is still in flight. */
  volatile CountDownLatch probeGate;

  /** Counted down when a probe reaches the gate. */
  final CountDownLatch probeEntered = new CountDownLatch(1);

  private static <T> T none() {
    throw new UnsupportedOperationException("not in this fake");
  }

  @Override
  public boolean isReachable() {
    CountDownLatch gate = probeGate;
    if (gate != null) {
      probeEntered.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return reachable.get();
  }

  @Override
  public void close() {
    closed.incrementAndGet();
  }

  @Override
  public UserStore users() {
    return none();
  }

  @Override
  public UserGroupStore groups() {
    return none();
  }

  @Override
  public CustomClaimStore customClaims() {
    return none();
  }

  @Override
  public OidcClientStore clients() {
    return none();
  }

  @Override
  public AuthorizationCodeStore authorizationCodes() {
    return none();
  }

  @Override
  public RefreshTokenStore refreshTokens() {
    return none();
  }

  @Override
  public DeviceCodeStore deviceCodes() {
    return none();
  }

  @Override
  public ConsentStore consents() {
    return none();
  }

  @Override
  public LoginCodeStore loginCodes() {
    return none();
  }

  @Override
  public ReauthenticationTokenStore reauthenticationTokens() {
    return none();
  }

  @Override
  public SignupTokenStore signupTokens() {
    return none();
  }

  @Override
  public ApiKeyStore apiKeys() {
    return none();
  }

  @Override
  public PasskeyStore passkeys() {
    return none();
  }

  @Override
  public WebauthnChallengeStore webauthnChallenges() {
    return none();
  }

  @Override
  public SessionStore sessions() {
    return none();
  }

  @Override
  public AuditLogStore auditLog() {
    return none();
  }

  @Override
  public AppConfigStore appConfig() {
    return none();
  }

  @Override
  public SigningKeyStore signingKeys() {
    return none();
  }

  @Override
  public UsedCodeStore usedCodes() {
    return none();
  }

  @Override
  public RevokedGrantStore revokedGrants() {
    return none();
  }

  @Override
  public KeyValueStore keyValues() {
    return none();
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }
}
