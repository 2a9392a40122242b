package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.SigningKey;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.SigningKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SigningKeyStore} on {@code signing_keys}. */
public final class JdbcSigningKeyStore implements SigningKeyStore {
  private final Db db;

  public JdbcSigningKeyStore(Db db) {
    this.db = db;
  }

  @Override
  public void save(SigningKey key) {
    requireNonNull(key, "key");
    try {
      db.executeGuarded(s -> s.getMapper(OidcMapper.class).insertSigningKey(key));
    } catch (RuntimeException e) {
      throw Errors.onWrite(e, "signingKey", Map.of("kid", key.kid()));
    }
  }

  @Override
  public void update(SigningKey key) {
    requireNonNull(key, "key");
    if (db.write(s -> s.getMapper(OidcMapper.class).updateSigningKey(key)) == 0) {
      throw new NotFoundException("signingKey", key.kid());
    }
  }

  @Override
  public Optional<SigningKey> findByKid(String kid) {
    requireNonNull(kid, "kid");
    return Optional.ofNullable(db.read(s -> s.getMapper(OidcMapper.class).findSigningKey(kid)));
  }

  @Override
  public List<SigningKey> listPublished(Instant now) {
    requireNonNull(now, "now");
    return db.read(s -> s.getMapper(OidcMapper.class).publishedSigningKeys(now));
  }
}
