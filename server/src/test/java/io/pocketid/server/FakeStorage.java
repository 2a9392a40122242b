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
import io.pocketid.core.store.memory.InMemoryStorage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory storage whose health probe and close the test controls: for /healthz and shutdown
 * tests. The stores are real (the server reads settings and keys while it starts).
 */
final class FakeStorage implements Storage {
  private final InMemoryStorage memory = new InMemoryStorage();
  final AtomicBoolean reachable = new AtomicBoolean(true);
  final AtomicInteger closed = new AtomicInteger();

  /** When set, the health probe waits for it: a request that is still in flight. */
  volatile CountDownLatch probeGate;

  /** Counted down when a probe reaches the gate. */
  final CountDownLatch probeEntered = new CountDownLatch(1);

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
    return memory.users();
  }

  @Override
  public UserGroupStore groups() {
    return memory.groups();
  }

  @Override
  public CustomClaimStore customClaims() {
    return memory.customClaims();
  }

  @Override
  public OidcClientStore clients() {
    return memory.clients();
  }

  @Override
  public AuthorizationCodeStore authorizationCodes() {
    return memory.authorizationCodes();
  }

  @Override
  public RefreshTokenStore refreshTokens() {
    return memory.refreshTokens();
  }

  @Override
  public DeviceCodeStore deviceCodes() {
    return memory.deviceCodes();
  }

  @Override
  public ConsentStore consents() {
    return memory.consents();
  }

  @Override
  public LoginCodeStore loginCodes() {
    return memory.loginCodes();
  }

  @Override
  public ReauthenticationTokenStore reauthenticationTokens() {
    return memory.reauthenticationTokens();
  }

  @Override
  public SignupTokenStore signupTokens() {
    return memory.signupTokens();
  }

  @Override
  public ApiKeyStore apiKeys() {
    return memory.apiKeys();
  }

  @Override
  public PasskeyStore passkeys() {
    return memory.passkeys();
  }

  @Override
  public WebauthnChallengeStore webauthnChallenges() {
    return memory.webauthnChallenges();
  }

  @Override
  public SessionStore sessions() {
    return memory.sessions();
  }

  @Override
  public AuditLogStore auditLog() {
    return memory.auditLog();
  }

  @Override
  public AppConfigStore appConfig() {
    return memory.appConfig();
  }

  @Override
  public SigningKeyStore signingKeys() {
    return memory.signingKeys();
  }

  @Override
  public UsedCodeStore usedCodes() {
    return memory.usedCodes();
  }

  @Override
  public RevokedGrantStore revokedGrants() {
    return memory.revokedGrants();
  }

  @Override
  public KeyValueStore keyValues() {
    return memory.keyValues();
  }

  @Override
  public io.pocketid.core.store.ImageStore images() {
    return memory.images();
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return memory.inTransaction(work);
  }
}
