package io.pocketid.webauthn.internal;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import io.pocketid.core.model.Passkey;
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
  private final UserStore users;
  private final PasskeyStore passkeys;

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

  @Override
  public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
    return users
        .findByUsername(username)
        .map(u -> passkeys.listForUser(u.id()))
        .orElse(java.util.List.of())
        .stream()
        .map(StoreCredentialRepository::descriptor)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Optional<ByteArray> getUserHandleForUsername(String username) {
    return users.findByUsername(username).map(u -> userHandle(u.id()));
  }

  @Override
  public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
    return users.findById(userId(userHandle)).map(u -> u.username());
  }

  @Override
  public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
    return passkeys
        .findByCredentialId(credentialId.getBytes())
        .filter(p -> Arrays.equals(userHandle(p.userId()).getBytes(), userHandle.getBytes()))
        .map(StoreCredentialRepository::registered);
  }

  @Override
  public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
    return passkeys
        .findByCredentialId(credentialId.getBytes())
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
        .backupEligible(passkey.backupEligible())
        .backupState(passkey.backupState())
        .build();
  }
}
