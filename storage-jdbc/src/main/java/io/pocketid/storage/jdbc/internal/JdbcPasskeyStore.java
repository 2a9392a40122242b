package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.Passkey;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.PasskeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link PasskeyStore} on {@code webauthn_credentials}. */
public final class JdbcPasskeyStore implements PasskeyStore {
  private final Db db;

  public JdbcPasskeyStore(Db db) {
    this.db = db;
  }

  private static SignInMapper m(org.apache.ibatis.session.SqlSession s) {
    return s.getMapper(SignInMapper.class);
  }

  @Override
  public void create(Passkey passkey) {
    requireNonNull(passkey, "passkey");
    JdbcSignInStores.insertForUser(
        db,
        s -> m(s).insertPasskey(passkey),
        "passkey",
        Map.of(
            "id",
            passkey.id(),
            "credentialId",
            Base64.getUrlEncoder().withoutPadding().encodeToString(passkey.credentialId())),
        passkey.userId());
  }

  @Override
  public Optional<Passkey> findById(String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(db.read(s -> m(s).findPasskey(id)));
  }

  @Override
  public Optional<Passkey> findByCredentialId(byte[] credentialId) {
    requireNonNull(credentialId, "credentialId");
    return Optional.ofNullable(db.read(s -> m(s).findPasskeyByCredentialId(credentialId)));
  }

  @Override
  public List<Passkey> listForUser(String userId) {
    requireNonNull(userId, "userId");
    return db.read(s -> m(s).passkeysOfUser(userId));
  }

  @Override
  public void update(Passkey passkey) {
    requireNonNull(passkey, "passkey");
    if (db.write(s -> m(s).updatePasskey(passkey)) == 0) {
      throw new NotFoundException("passkey", passkey.id());
    }
  }

  @Override
  public boolean delete(String userId, String id) {
    requireNonNull(userId, "userId");
    requireNonNull(id, "id");
    return db.write(s -> m(s).deletePasskey(userId, id)) > 0;
  }
}
