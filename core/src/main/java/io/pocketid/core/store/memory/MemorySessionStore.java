package io.pocketid.core.store.memory;

import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.SessionStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class MemorySessionStore implements SessionStore {
  private final MemoryState state;

  MemorySessionStore(MemoryState state) {
    this.state = state;
  }

  @Override
  public void create(BrowserSession session) {
    Objects.requireNonNull(session, "session");
    state.run(
        t -> {
          if (t.sessions.containsKey(session.id())) {
            throw new DuplicateKeyException("session", "id", session.id());
          }
          if (t.sessions.values().stream().anyMatch(s -> s.idHash().equals(session.idHash()))) {
            throw new DuplicateKeyException("session", "idHash", session.idHash());
          }
          t.sessions.put(session.id(), session);
        });
  }

  @Override
  public Optional<BrowserSession> findActive(String idHash, Instant now) {
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(now, "now");
    return state.call(
        t ->
            t.sessions.values().stream()
                .filter(s -> s.idHash().equals(idHash) && !s.expiresAt().isBefore(now))
                .findFirst());
  }

  @Override
  public boolean extend(String id, Instant lastSeenAt, Instant newExpiresAt) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    Objects.requireNonNull(newExpiresAt, "newExpiresAt");
    return state.call(
        t ->
            t.sessions.computeIfPresent(
                    id,
                    (i, s) ->
                        new BrowserSession(
                            s.id(),
                            s.idHash(),
                            s.userId(),
                            s.createdAt(),
                            newExpiresAt,
                            lastSeenAt,
                            s.ipAddress(),
                            s.userAgent(),
                            s.authMethod()))
                != null);
  }

  @Override
  public List<BrowserSession> listActiveForUser(String userId, Instant now) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(now, "now");
    return state.call(
        t ->
            t.sessions.values().stream()
                .filter(s -> s.userId().equals(userId) && !s.expiresAt().isBefore(now))
                .sorted(
                    Comparator.comparing(BrowserSession::createdAt)
                        .reversed()
                        .thenComparing(BrowserSession::id))
                .toList());
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return state.call(t -> t.sessions.remove(id) != null);
  }

  @Override
  public int deleteForUser(String userId) {
    Objects.requireNonNull(userId, "userId");
    return state.call(t -> Rows.removeIf(t.sessions, s -> s.userId().equals(userId)));
  }

  @Override
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.call(t -> Rows.removeIf(t.sessions, s -> s.expiresAt().isBefore(now)));
  }
}
