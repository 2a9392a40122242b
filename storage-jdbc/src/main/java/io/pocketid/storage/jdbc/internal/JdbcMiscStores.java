package io.pocketid.storage.jdbc.internal;

import static java.util.Objects.requireNonNull;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.StoredImage;
import io.pocketid.core.store.AppConfigStore;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.core.store.ImageStore;
import io.pocketid.core.store.KeyValueStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import io.pocketid.storage.jdbc.internal.ListQuery.Column;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.ibatis.session.SqlSession;

/** The audit log, application configuration, key/value and image stores. */
public final class JdbcMiscStores {
  private JdbcMiscStores() {}

  private static MiscMapper m(SqlSession s) {
    return s.getMapper(MiscMapper.class);
  }

  /** {@link AuditLogStore} on {@code audit_logs}. */
  public static final class AuditLog implements AuditLogStore {
    private static final Map<String, Column> SORTABLE =
        Map.of("createdAt", Column.plain("created_at"), "event", Column.text("event"));

    private final Db db;

    public AuditLog(Db db) {
      this.db = db;
    }

    @Override
    public void append(AuditEvent event) {
      requireNonNull(event, "event");
      try {
        db.executeGuarded(s -> m(s).insertAuditEvent(event));
      } catch (RuntimeException e) {
        throw Errors.onWrite(e, "auditEvent", Map.of("id", event.id()));
      }
    }

    @Override
    public Page<AuditEvent> list(String userId, PageRequest request) {
      requireNonNull(request, "request");
      ListQuery q = ListQuery.of(db.dialect(), request, SORTABLE, Sort.desc("createdAt"), "id");
      return db.readSnapshot(
          s ->
              new Page<>(
                  m(s).listAuditEvents(userId, q),
                  m(s).countAuditEvents(userId, q),
                  request.page(),
                  request.size()));
    }

    @Override
    public Page<AuditEvent> search(Filter filter, PageRequest request) {
      requireNonNull(filter, "filter");
      requireNonNull(request, "request");
      ListQuery q = ListQuery.of(db.dialect(), request, SORTABLE, Sort.desc("createdAt"), "id");
      return db.readSnapshot(
          s ->
              new Page<>(
                  m(s).listFilteredAuditEvents(filter, INTERNAL_NETWORK, q),
                  m(s).countFilteredAuditEvents(filter, INTERNAL_NETWORK, q),
                  request.page(),
                  request.size()));
    }

    @Override
    public List<String> clientNames() {
      return db.read(s -> m(s).auditClientNames());
    }

    @Override
    public List<String> userIds() {
      return db.read(s -> m(s).auditUserIds());
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
      requireNonNull(cutoff, "cutoff");
      return db.write(s -> m(s).deleteAuditEventsBefore(cutoff));
    }
  }

  /** {@link AppConfigStore} on {@code app_config_variables}. */
  public static final class AppConfig implements AppConfigStore {
    private final Db db;

    public AppConfig(Db db) {
      this.db = db;
    }

    @Override
    public Map<String, String> loadAll() {
      Map<String, String> all = new LinkedHashMap<>();
      db.read(s -> m(s).appConfig()).forEach(kv -> all.put(kv.getKey(), kv.getValue()));
      return Map.copyOf(all);
    }

    @Override
    public void saveAll(Map<String, String> values) {
      requireNonNull(values, "values");
      values.forEach(
          (k, v) -> {
            requireNonNull(k, "key");
            requireNonNull(v, "value of " + k);
          });
      db.inTransaction(
          () -> {
            db.execute(s -> new TreeMap<>(values).forEach((k, v) -> m(s).upsertAppConfig(k, v)));
            return null;
          });
    }

    @Override
    public boolean delete(String key) {
      requireNonNull(key, "key");
      return db.write(s -> m(s).deleteAppConfig(key)) > 0;
    }
  }

  /** {@link KeyValueStore} on {@code kv}. */
  public static final class KeyValues implements KeyValueStore {
    private final Db db;

    public KeyValues(Db db) {
      this.db = db;
    }

    @Override
    public Optional<String> get(String key) {
      requireNonNull(key, "key");
      return Optional.ofNullable(db.read(s -> m(s).getValue(key)));
    }

    @Override
    public void put(String key, String value) {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      db.execute(s -> m(s).putValue(key, value));
    }

    @Override
    public String putIfAbsent(String key, String value) {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      return db.write(
          s -> {
            m(s).insertValueIfAbsent(key, value);
            return m(s).getValue(key);
          });
    }

    @Override
    public boolean replace(String key, String expected, String value) {
      requireNonNull(key, "key");
      requireNonNull(expected, "expected");
      requireNonNull(value, "value");
      return db.write(s -> m(s).replaceValue(key, expected, value)) == 1;
    }
  }

  /** {@link ImageStore} on {@code stored_image}. */
  public static final class Images implements ImageStore {
    private final Db db;

    public Images(Db db) {
      this.db = db;
    }

    @Override
    public Optional<StoredImage> find(String key) {
      requireNonNull(key, "key");
      return Optional.ofNullable(db.read(s -> m(s).findImage(key)));
    }

    @Override
    public void put(StoredImage image) {
      requireNonNull(image, "image");
      db.execute(s -> m(s).putImage(image));
    }

    @Override
    public boolean delete(String key) {
      requireNonNull(key, "key");
      return db.write(s -> m(s).deleteImage(key)) > 0;
    }

    @Override
    public int deleteByPrefix(String prefix) {
      requireNonNull(prefix, "prefix");
      return db.write(s -> m(s).deleteImagesByPrefix(prefix, codePoints(prefix)));
    }

    @Override
    public List<String> keys(String prefix) {
      requireNonNull(prefix, "prefix");
      // Sorted here: PostgreSQL's collation need not order strings as String.compareTo does.
      return db.read(s -> m(s).imageKeys(prefix, codePoints(prefix))).stream().sorted().toList();
    }

    private static int codePoints(String prefix) {
      return prefix.codePointCount(0, prefix.length());
    }
  }
}
