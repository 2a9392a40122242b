package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.LoginCode;
import io.pocketid.core.model.ReauthenticationToken;
import io.pocketid.core.model.SignupToken;
import io.pocketid.core.model.WebauthnChallenge;
import io.pocketid.core.store.ApiKeyStore;
import io.pocketid.core.store.LoginCodeStore;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.ReauthenticationTokenStore;
import io.pocketid.core.store.SessionStore;
import io.pocketid.core.store.SignupTokenStore;
import io.pocketid.core.store.Sort;
import io.pocketid.core.store.WebauthnChallengeStore;
import io.pocketid.storage.jdbc.internal.ListQuery.Column;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.ibatis.session.SqlSession;

/** The sign-in stores: one-time codes and tokens, API keys, ceremonies and sessions. */
public final class JdbcSignInStores {
  private JdbcSignInStores() {}

  private static SignInMapper m(SqlSession s) {
    return s.getMapper(SignInMapper.class);
  }

  /** Inserts a row owned by a user; a missing user is a {@link NotFoundException}. */
  static void insertForUser(
      Db db, Consumer<SqlSession> insert, String entity, Map<String, String> keys, String userId) {
    try {
      db.executeGuarded(insert);
    } catch (RuntimeException e) {
      if (Errors.isForeignKey(e)) {
        throw new NotFoundException("user", userId);
      }
      throw Errors.onWrite(e, entity, keys);
    }
  }

  /** {@link LoginCodeStore} on {@code one_time_access_tokens} (hashes only). */
  public static final class LoginCodes implements LoginCodeStore {
    private final Db db;

    public LoginCodes(Db db) {
      this.db = db;
    }

    @Override
    public void save(LoginCode code) {
      requireNonNull(code, "code");
      insertForUser(
          db,
          s -> m(s).insertLoginCode(code),
          "loginCode",
          Map.of("id", code.id(), "codeHash", code.codeHash()),
          code.userId());
    }

    @Override
    public Optional<LoginCode> consume(String codeHash, Instant now) {
      requireNonNull(codeHash, "codeHash");
      requireNonNull(now, "now");
      return Optional.ofNullable(db.write(s -> m(s).consumeLoginCode(codeHash, now)));
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredLoginCodes(now));
    }
  }

  /** {@link ReauthenticationTokenStore} on {@code reauthentication_tokens}. */
  public static final class Reauth implements ReauthenticationTokenStore {
    private final Db db;

    public Reauth(Db db) {
      this.db = db;
    }

    @Override
    public void save(ReauthenticationToken token) {
      requireNonNull(token, "token");
      insertForUser(
          db,
          s -> m(s).insertReauth(token),
          "reauthenticationToken",
          Map.of("id", token.id(), "tokenHash", token.tokenHash()),
          token.userId());
    }

    @Override
    public Optional<ReauthenticationToken> consume(String tokenHash, String userId, Instant now) {
      requireNonNull(tokenHash, "tokenHash");
      requireNonNull(userId, "userId");
      requireNonNull(now, "now");
      return Optional.ofNullable(db.write(s -> m(s).consumeReauth(tokenHash, userId, now)));
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredReauth(now));
    }
  }

  /** {@link SignupTokenStore} on {@code signup_tokens}. */
  public static final class Signups implements SignupTokenStore {
    private static final Map<String, Column> SORTABLE =
        Map.of(
            "createdAt", Column.plain("created_at"),
            "expiresAt", Column.plain("expires_at"),
            "usageLimit", Column.plain("usage_limit"),
            "usageCount", Column.plain("usage_count"));

    private final Db db;

    public Signups(Db db) {
      this.db = db;
    }

    @Override
    public void save(SignupToken token) {
      requireNonNull(token, "token");
      try {
        db.executeGuarded(s -> m(s).insertSignupToken(token));
      } catch (RuntimeException e) {
        throw Errors.onWrite(
            e, "signupToken", Map.of("id", token.id(), "tokenHash", token.tokenHash()));
      }
    }

    @Override
    public Optional<SignupToken> findByHash(String tokenHash) {
      requireNonNull(tokenHash, "tokenHash");
      return Optional.ofNullable(db.read(s -> m(s).findSignupToken(tokenHash)));
    }

    @Override
    public Optional<SignupToken> use(String tokenHash, Instant now) {
      requireNonNull(tokenHash, "tokenHash");
      requireNonNull(now, "now");
      return Optional.ofNullable(db.write(s -> m(s).useSignupToken(tokenHash, now)));
    }

    @Override
    public Page<SignupToken> list(PageRequest request) {
      requireNonNull(request, "request");
      ListQuery q = ListQuery.of(db.dialect(), request, SORTABLE, Sort.desc("createdAt"), "id");
      return db.readSnapshot(
          s ->
              new Page<>(
                  m(s).listSignupTokens(q),
                  m(s).countSignupTokens(),
                  request.page(),
                  request.size()));
    }

    @Override
    public boolean delete(String id) {
      requireNonNull(id, "id");
      return db.write(s -> m(s).deleteSignupToken(id)) > 0;
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredSignupTokens(now));
    }
  }

  /** {@link ApiKeyStore} on {@code api_keys}. */
  public static final class ApiKeys implements ApiKeyStore {
    private static final Map<String, Column> SORTABLE =
        Map.of(
            "name", Column.text("name"),
            "createdAt", Column.plain("created_at"),
            "expiresAt", Column.plain("expires_at"),
            "lastUsedAt", Column.plain("last_used_at"));

    private final Db db;

    public ApiKeys(Db db) {
      this.db = db;
    }

    @Override
    public void save(ApiKey key) {
      requireNonNull(key, "key");
      insertForUser(
          db,
          s -> m(s).insertApiKey(key),
          "apiKey",
          Map.of("id", key.id(), "keyHash", key.keyHash()),
          key.userId());
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
      requireNonNull(keyHash, "keyHash");
      return Optional.ofNullable(db.read(s -> m(s).findApiKey(keyHash)));
    }

    @Override
    public void touch(String id, Instant usedAt) {
      requireNonNull(id, "id");
      requireNonNull(usedAt, "usedAt");
      db.write(s -> m(s).touchApiKey(id, usedAt));
    }

    @Override
    public Page<ApiKey> listForUser(String userId, PageRequest request) {
      requireNonNull(userId, "userId");
      requireNonNull(request, "request");
      ListQuery q = ListQuery.of(db.dialect(), request, SORTABLE, Sort.asc("name"), "id");
      return db.readSnapshot(
          s ->
              new Page<>(
                  m(s).listApiKeys(userId, q),
                  m(s).countApiKeys(userId),
                  request.page(),
                  request.size()));
    }

    @Override
    public List<ApiKey> expiringWithoutReminder(Instant from, Instant to) {
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      return db.read(s -> m(s).expiringApiKeys(from, to));
    }

    @Override
    public void markReminderSent(String id) {
      requireNonNull(id, "id");
      if (db.write(s -> m(s).markReminderSent(id)) == 0) {
        throw new NotFoundException("apiKey", id);
      }
    }

    @Override
    public boolean delete(String userId, String id) {
      requireNonNull(userId, "userId");
      requireNonNull(id, "id");
      return db.write(s -> m(s).deleteApiKey(userId, id)) > 0;
    }
  }

  /** {@link WebauthnChallengeStore} on {@code webauthn_sessions}. */
  public static final class Challenges implements WebauthnChallengeStore {
    private final Db db;

    public Challenges(Db db) {
      this.db = db;
    }

    @Override
    public void save(WebauthnChallenge challenge) {
      requireNonNull(challenge, "challenge");
      try {
        db.executeGuarded(s -> m(s).insertChallenge(challenge));
      } catch (RuntimeException e) {
        throw Errors.onWrite(
            e,
            "webauthnChallenge",
            Map.of("id", challenge.id(), "challenge", challenge.challenge()));
      }
    }

    @Override
    public Optional<WebauthnChallenge> consume(String id, Instant now) {
      requireNonNull(id, "id");
      requireNonNull(now, "now");
      // Removed whether or not it has expired; an expired one is not handed out.
      return Optional.ofNullable(db.write(s -> m(s).consumeChallenge(id)))
          .filter(c -> !c.expiresAt().isBefore(now));
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredChallenges(now));
    }
  }

  /** {@link SessionStore} on {@code sessions}. */
  public static final class Sessions implements SessionStore {
    private final Db db;

    public Sessions(Db db) {
      this.db = db;
    }

    @Override
    public void create(BrowserSession session) {
      requireNonNull(session, "session");
      insertForUser(
          db,
          s -> m(s).insertSession(session),
          "session",
          Map.of("id", session.id(), "idHash", session.idHash()),
          session.userId());
    }

    @Override
    public Optional<BrowserSession> findActive(String idHash, Instant now) {
      requireNonNull(idHash, "idHash");
      requireNonNull(now, "now");
      return Optional.ofNullable(db.read(s -> m(s).findActiveSession(idHash, now)));
    }

    @Override
    public boolean extend(String id, Instant lastSeenAt, Instant newExpiresAt) {
      requireNonNull(id, "id");
      requireNonNull(lastSeenAt, "lastSeenAt");
      requireNonNull(newExpiresAt, "newExpiresAt");
      return db.write(s -> m(s).extendSession(id, lastSeenAt, newExpiresAt)) > 0;
    }

    @Override
    public List<BrowserSession> listActiveForUser(String userId, Instant now) {
      requireNonNull(userId, "userId");
      requireNonNull(now, "now");
      return db.read(s -> m(s).activeSessionsOfUser(userId, now));
    }

    @Override
    public boolean delete(String id) {
      requireNonNull(id, "id");
      return db.write(s -> m(s).deleteSession(id)) > 0;
    }

    @Override
    public int deleteForUser(String userId) {
      requireNonNull(userId, "userId");
      return db.write(s -> m(s).deleteSessionsOfUser(userId));
    }

    @Override
    public int deleteExpired(Instant now) {
      requireNonNull(now, "now");
      return db.write(s -> m(s).deleteExpiredSessions(now));
    }
  }
}
