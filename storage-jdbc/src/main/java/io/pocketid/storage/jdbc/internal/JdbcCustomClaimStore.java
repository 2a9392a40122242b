package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.store.CustomClaimStore;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@link CustomClaimStore} on {@code custom_claims}. */
public final class JdbcCustomClaimStore implements CustomClaimStore {
  private final Db db;
  private final Clock clock;

  public JdbcCustomClaimStore(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void replaceForUser(String userId, List<CustomClaim> claims) {
    requireNonNull(userId, "userId");
    replace(userId, null, claims);
  }

  @Override
  public void replaceForGroup(String groupId, List<CustomClaim> claims) {
    requireNonNull(groupId, "groupId");
    replace(null, groupId, claims);
  }

  private void replace(String userId, String groupId, List<CustomClaim> claims) {
    requireNonNull(claims, "claims");
    claims.forEach(c -> requireNonNull(c, "claim"));
    Set<String> seen = new HashSet<>();
    for (CustomClaim c : claims) {
      if (!seen.add(c.key())) {
        throw new DuplicateKeyException("customClaim", "key", c.key());
      }
    }
    Instant now = Instant.ofEpochMilli(clock.millis());
    try {
      db.inTransaction(
          () -> {
            db.executeGuarded(
                s -> {
                  UserMapper m = s.getMapper(UserMapper.class);
                  if (userId != null) {
                    Parents.lockOwner(s, "user", "users", userId);
                    m.deleteClaimsOfUser(userId);
                  } else {
                    Parents.lockOwner(s, "group", "user_groups", groupId);
                    m.deleteClaimsOfGroup(groupId);
                  }
                  for (CustomClaim c : claims) {
                    m.insertClaim(UUID.randomUUID().toString(), now, userId, groupId, c);
                  }
                });
            return null;
          });
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.onWrite(e, "customClaim", java.util.Map.of());
    }
  }

  @Override
  public List<CustomClaim> forUser(String userId) {
    requireNonNull(userId, "userId");
    return db.read(s -> s.getMapper(UserMapper.class).claimsOfUser(userId));
  }

  @Override
  public List<CustomClaim> forGroup(String groupId) {
    requireNonNull(groupId, "groupId");
    return db.read(s -> s.getMapper(UserMapper.class).claimsOfGroup(groupId));
  }

  @Override
  public List<String> keySuggestions() {
    return db.read(s -> s.getMapper(UserMapper.class).claimKeySuggestions());
  }
}
