package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.StoredImage;
import io.pocketid.core.store.AuditLogStore;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Audit log, application configuration, key/value pairs and stored images. */
public interface MiscMapper {
  void insertAuditEvent(AuditEvent event);

  long countAuditEvents(@Param("userId") String userId, @Param("q") ListQuery q);

  List<AuditEvent> listAuditEvents(@Param("userId") String userId, @Param("q") ListQuery q);

  int deleteAuditEventsBefore(Instant cutoff);

  long countFilteredAuditEvents(
      @Param("f") AuditLogStore.Filter filter,
      @Param("internal") String internal,
      @Param("q") ListQuery q);

  List<AuditEvent> listFilteredAuditEvents(
      @Param("f") AuditLogStore.Filter filter,
      @Param("internal") String internal,
      @Param("q") ListQuery q);

  List<String> auditClientNames();

  List<String> auditUserIds();

  List<KeyValue> appConfig();

  void upsertAppConfig(@Param("key") String key, @Param("value") String value);

  int deleteAppConfig(String key);

  String getValue(String key);

  void putValue(@Param("key") String key, @Param("value") String value);

  int insertValueIfAbsent(@Param("key") String key, @Param("value") String value);

  int replaceValue(
      @Param("key") String key, @Param("expected") String expected, @Param("value") String value);

  StoredImage findImage(String key);

  void putImage(StoredImage image);

  int deleteImage(String key);

  int deleteImagesByPrefix(@Param("prefix") String prefix, @Param("length") int length);

  List<String> imageKeys(@Param("prefix") String prefix, @Param("length") int length);

  /** A key and its value. */
  final class KeyValue {
    private String key;
    private String value;

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      this.value = value;
    }
  }
}
