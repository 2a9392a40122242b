package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.Consent;
import io.pocketid.core.store.ConsentStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.storage.jdbc.internal.ListQuery.Column;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/** {@link ConsentStore} on {@code user_authorized_oidc_clients}. */
public final class JdbcConsentStore implements ConsentStore {
  private static final Map<String, Column> SORTABLE =
      Map.of("lastUsedAt", Column.plain("last_used_at"), "clientId", Column.plain("client_id"));

  private final Db db;

  public JdbcConsentStore(Db db) {
    this.db = db;
  }

  private static OidcMapper m(SqlSession s) {
    return s.getMapper(OidcMapper.class);
  }

  @Override
  public void upsert(Consent consent) {
    requireNonNull(consent, "consent");
    JdbcTokenStores.insertOwned(
        db,
        s -> m(s).upsertConsent(consent),
        "consent",
        Map.of(),
        consent.userId(),
        consent.clientId());
  }

  @Override
  public Optional<Consent> find(String userId, String clientId) {
    requireNonNull(userId, "userId");
    requireNonNull(clientId, "clientId");
    return Optional.ofNullable(db.read(s -> m(s).findConsent(userId, clientId)));
  }

  @Override
  public Page<Consent> listForUser(String userId, PageRequest request) {
    requireNonNull(userId, "userId");
    requireNonNull(request, "request");
    ListQuery q =
        ListQuery.of(db.dialect(), request, SORTABLE, Sort.desc("lastUsedAt"), "client_id");
    return db.readSnapshot(
        s ->
            new Page<>(
                m(s).listConsents(userId, q),
                m(s).countConsents(userId),
                request.page(),
                request.size()));
  }

  @Override
  public boolean delete(String userId, String clientId) {
    requireNonNull(userId, "userId");
    requireNonNull(clientId, "clientId");
    return db.write(s -> m(s).deleteConsent(userId, clientId)) > 0;
  }
}
