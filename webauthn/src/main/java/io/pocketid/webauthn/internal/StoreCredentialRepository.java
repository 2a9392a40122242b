package io.pocketid.webauthn.internal;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.User;
import io.pocketid.core.store.PasskeyStore;
import io.pocketid.core.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Yubico's read-only credential lookup over the storage SPI. In Yubico's terms the "username" is
 * our username and the user handle is the UTF-8 bytes of the user id (as in Pocket ID, so imported
 * passkeys keep working).
 */
public final class StoreCredentialRepository implements CredentialRepository {
  /** Work run by {@link #withKnown}. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /** A passkey and its user (empty when gone) that the caller has already read. */
  private record Known(Passkey passkey, Optional<User> user) {}

  private final UserStore users;
  private final PasskeyStore passkeys;
  private final ThreadLocal<Known> known = new ThreadLocal<>();

  public StoreCredentialRepository(UserStore users, PasskeyStore passkeys) {
    this.users = users;
    this.passkeys = passkeys;
  }

  public static ByteArray userHandle(String userId) {
    return new ByteArray(userId.getBytes(StandardCharsets.UTF_8));
  }

  public static String userId(ByteArray userHandle) {
    return new String(userHandle.getBytes(), StandardCharsets.UTF_8);
  }

  /**
   * Runs {@code work} on this thread with {@code passkey} and its {@code user} already read: the
   * lookups of that credential and user that Yubico's verification makes are answered from them
   * instead of the stores (a sign-in then reads each once).
   */
  public <T, E extends Exception> T withKnown(Passkey passkey, Optional<User> user, Work<T, E> work)
      throws E {
    Known before = known.get();
    known.set(new Known(passkey, user));
    try {
      return work.run();
    } finally {
      if (before == null) {
        known.remove();
      } else {
        known.set(before);
      }
    }
  }

  private Optional<Passkey> passkey(ByteArray credentialId) {
    Known k = known.get();
    if (k != null && Arrays.equals(k.passkey().credentialId(), credentialId.getBytes())) {
      return Optional.of(k.passkey());
    }
    return passkeys.findByCredentialId(credentialId.getBytes());
  }

  private Optional<User> user(String userId) {
    Known k = known.get();
    if (k != null && k.passkey().userId().equals(userId)) {
      return k.user();
    }
    return users.findById(userId);
  }

  private Optional<User> userByName(String username) {
    Known k = known.get();
    if (k != null && k.user().filter(u -> u.username().equals(username)).isPresent()) {
      return k.user();
    }
    return users.findByUsername(username);
  }

  @Override
  public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
    return userByName(username)
        .map(u -> passkeys.listForUser(u.id()))
        .orElse(java.util.List.of())
        .stream()
        .map(StoreCredentialRepository::descriptor)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Optional<ByteArray> getUserHandleForUsername(String username) {
    return userByName(username).map(u -> userHandle(u.id()));
  }

  @Override
  public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
    return user(userId(userHandle)).map(User::username);
  }

  @Override
  public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
    return passkey(credentialId)
        .filter(p -> Arrays.equals(userHandle(p.userId()).getBytes(), userHandle.getBytes()))
        .map(StoreCredentialRepository::registered);
  }

  @Override
  public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
    return passkey(credentialId)
        .map(StoreCredentialRepository::registered)
        .map(Set::of)
        .orElse(Set.of());
  }

  static PublicKeyCredentialDescriptor descriptor(Passkey passkey) {
    Set<AuthenticatorTransport> transports =
        passkey.transports().stream()
            .map(AuthenticatorTransport::of)
            .collect(Collectors.toUnmodifiableSet());
    return PublicKeyCredentialDescriptor.builder()
        .id(new ByteArray(passkey.credentialId()))
        .transports(transports)
        .build();
  }

  static RegisteredCredential registered(Passkey passkey) {
    return RegisteredCredential.builder()
        .credentialId(new ByteArray(passkey.credentialId()))
        .userHandle(userHandle(passkey.userId()))
        .publicKeyCose(new ByteArray(passkey.publicKeyCose()))
        .signatureCount(passkey.signCount())
        .build(); // backup flags: checked by PasskeyCeremonies (BackupFlags)
  }
}
