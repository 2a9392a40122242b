package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.DeviceCode;
import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.UsedCode;
import io.pocketid.core.store.AuthorizationCodeStore;
import io.pocketid.core.store.DeviceCodeStore;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.RevokedGrantStore;
import io.pocketid.core.store.UsedCodeStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/** The OIDC grant stores: authorization codes, refresh tokens and device codes. */
public final class JdbcTokenStores {
  private JdbcTokenStores() {}

  private static OidcMapper m(SqlSession s) {
    return s.getMapper(OidcMapper.class);
  }

  /** Writes a row that refers to a user and a client, translating failures. */
  static void insertOwned(
      Db db,
      java.util.function.Consumer<SqlSession> insert,
      String entity,
      Map<String, String> keys,
      String userId,
      String clientId) {
    try {
      db.executeGuarded(insert);
    } catch (RuntimeException e) {
      if (Errors.isForeignKey(e)) {
        List<Errors.Parent> parents = new java.util.ArrayList<>();
        if (userId != null) {
          parents.add(new Errors.Parent("user", "users", userId));
        }
        parents.add(new Errors.Parent("client", "oidc_clients", clientId));
        throw Errors.onMissingParent(e, parents, p -> exists(db, p));
      }
      throw Errors.onWrite(e, entity, keys);
    }
  }

  static boolean exists(Db db, Errors.Parent p) {
    return !db.read(s -> s.getMapper(UserMapper.class).existingIds(p.table(), List.of(p.id())))
        .isEmpty();
  }

  /** {@link AuthorizationCodeStore} on {@code oidc_authorization_codes}. */
  public static final class Codes implements AuthorizationCodeStore {
    private final Db db;

    public Codes(Db db) {
      this.db = db;
    }

    @Override
    public void save(AuthorizationCode code) {
      requireNonNull(code, "code");
      insertOwned(
          db,
          s -> m(s).insertCode(code),
          "authorizationCode",
          Map.of("id", code.id(), "codeHash", code.codeHash()),
          code.userId(),
          code.clientId());
    }

    @Override
    public Optional<AuthorizationCode> consume(String codeHash) {
      requireNonNull(codeHash, "codeHash");
      return Optional.ofNullable(db.write(s -> m(s).consumeCode(codeHash)));
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredCodes(now));
    }
  }

  /** {@link UsedCodeStore} on {@code oidc_used_authorization_codes}. */
  public static final class UsedCodes implements UsedCodeStore {
    private final Db db;

    public UsedCodes(Db db) {
      this.db = db;
    }

    @Override
    public void record(UsedCode used) {
      requireNonNull(used, "used");
      try {
        db.executeGuarded(s -> m(s).insertUsedCode(used));
      } catch (RuntimeException e) {
        throw Errors.onWrite(e, "usedCode", Map.of("codeHash", used.codeHash()));
      }
    }

    @Override
    public Optional<UsedCode> take(String codeHash) {
      requireNonNull(codeHash, "codeHash");
      return Optional.ofNullable(db.write(s -> m(s).takeUsedCode(codeHash)));
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredUsedCodes(now));
    }
  }

  /** {@link RevokedGrantStore} on {@code oidc_revoked_grants}. */
  public static final class RevokedGrants implements RevokedGrantStore {
    private final Db db;

    public RevokedGrants(Db db) {
      this.db = db;
    }

    @Override
    public void revoke(String grantId, Instant uselessAfter) {
      requireNonNull(grantId, "grantId");
      requireNonNull(uselessAfter, "uselessAfter");
      db.execute(s -> m(s).revokeGrant(grantId, uselessAfter));
    }

    @Override
    public boolean isRevoked(String grantId) {
      requireNonNull(grantId, "grantId");
      return db.read(s -> m(s).countRevokedGrant(grantId)) > 0;
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredRevokedGrants(now));
    }
  }

  /** {@link RefreshTokenStore} on {@code oidc_refresh_tokens}. */
  public static final class Refresh implements RefreshTokenStore {
    private final Db db;

    public Refresh(Db db) {
      this.db = db;
    }

    @Override
    public void save(RefreshToken token) {
      requireNonNull(token, "token");
      insertOwned(
          db,
          s -> m(s).insertRefreshToken(token),
          "refreshToken",
          Map.of("id", token.id(), "tokenHash", token.tokenHash()),
          token.userId(),
          token.clientId());
    }

    @Override
    public Optional<RefreshToken> findByHash(String tokenHash) {
      requireNonNull(tokenHash, "tokenHash");
      return Optional.ofNullable(db.read(s -> m(s).findRefreshToken(tokenHash)));
    }

    @Override
    public boolean markRotated(String id) {
      requireNonNull(id, "id");
      return db.write(s -> m(s).markRotated(id)) == 1;
    }

    @Override
    public int deleteFamily(String familyId) {
      requireNonNull(familyId, "familyId");
      return db.write(s -> m(s).deleteFamily(familyId));
    }

    @Override
    public int deleteForUserAndClient(String userId, String clientId) {
      requireNonNull(userId, "userId");
      requireNonNull(clientId, "clientId");
      return db.write(s -> m(s).deleteRefreshTokensFor(userId, clientId));
    }

    @Override
    public int deleteForUser(String userId) {
      requireNonNull(userId, "userId");
      return db.write(s -> m(s).deleteRefreshTokensOfUser(userId));
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredRefreshTokens(now));
    }
  }

  /** {@link DeviceCodeStore} on {@code oidc_device_codes}. */
  public static final class Devices implements DeviceCodeStore {
    private final Db db;

    public Devices(Db db) {
      this.db = db;
    }

    private static Map<String, String> keys(DeviceCode code) {
      Map<String, String> keys = new HashMap<>();
      keys.put("id", code.id());
      keys.put("deviceCodeHash", code.deviceCodeHash());
      keys.put("userCode", code.userCode());
      return keys;
    }

    @Override
    public void save(DeviceCode code) {
      requireNonNull(code, "code");
      insertOwned(
          db,
          s -> m(s).insertDeviceCode(code),
          "deviceCode",
          keys(code),
          code.userId(),
          code.clientId());
    }

    @Override
    public Optional<DeviceCode> findByDeviceCodeHash(String deviceCodeHash) {
      requireNonNull(deviceCodeHash, "deviceCodeHash");
      return Optional.ofNullable(db.read(s -> m(s).findDeviceCodeByHash(deviceCodeHash)));
    }

    @Override
    public Optional<DeviceCode> findByUserCode(String userCode) {
      requireNonNull(userCode, "userCode");
      return Optional.ofNullable(db.read(s -> m(s).findDeviceCodeByUserCode(userCode)));
    }

    @Override
    public void update(DeviceCode code) {
      requireNonNull(code, "code");
      int n;
      try {
        n = db.guarded(s -> m(s).updateDeviceCode(code));
      } catch (RuntimeException e) {
        if (Errors.isForeignKey(e)) {
          List<Errors.Parent> parents = new java.util.ArrayList<>();
          if (code.userId() != null) {
            parents.add(new Errors.Parent("user", "users", code.userId()));
          }
          parents.add(new Errors.Parent("client", "oidc_clients", code.clientId()));
          throw Errors.onMissingParent(e, parents, p -> exists(db, p));
        }
        throw Errors.onWrite(e, "deviceCode", keys(code));
      }
      if (n == 0) {
        throw new NotFoundException("deviceCode", code.id());
      }
    }

    @Override
    public Optional<DeviceCode> consume(String deviceCodeHash) {
      requireNonNull(deviceCodeHash, "deviceCodeHash");
      return Optional.ofNullable(db.write(s -> m(s).consumeDeviceCode(deviceCodeHash)));
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredDeviceCodes(now));
    }
  }
}
