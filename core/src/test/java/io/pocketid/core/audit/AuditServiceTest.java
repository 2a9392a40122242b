package io.pocketid.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.StorageException;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.core.testing.TestClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditServiceTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();

  @Test
  void recordWhenCalledThenEventStoredWithOriginAndLocation() {
    AuditService audit =
        new AuditService(
            storage.auditLog(), clock, ip -> new GeoLocator.Location("Switzerland", "Zurich"));
    audit.record(
        AuditEvents.SIGN_IN,
        null,
        new RequestOrigin("203.0.113.7", "Firefox"),
        Map.of("clientName", "Grafana"));
    AuditEvent event = storage.auditLog().list(null, PageRequest.of(1, 10)).items().get(0);
    assertThat(event.event()).isEqualTo("SIGN_IN");
    assertThat(event.ipAddress()).isEqualTo("203.0.113.7");
    assertThat(event.userAgent()).isEqualTo("Firefox");
    assertThat(event.country()).isEqualTo("Switzerland");
    assertThat(event.city()).isEqualTo("Zurich");
    assertThat(event.data()).containsEntry("clientName", "Grafana");
    assertThat(event.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void recordWhenGeolocationFailsThenEventStoredWithoutLocation() {
    AuditService audit =
        new AuditService(
            storage.auditLog(),
            clock,
            ip -> {
              throw new IllegalStateException("database corrupt");
            });
    audit.record(AuditEvents.SIGN_OUT, null, new RequestOrigin("203.0.113.7", null));
    AuditEvent event = storage.auditLog().list(null, PageRequest.of(1, 10)).items().get(0);
    assertThat(event.country()).isNull();
  }

  @Test
  void recordWhenStoreFailsThenNothingIsThrown() {
    AuditLogStore failing =
        new AuditLogStore() {
          @Override
          public void append(AuditEvent event) {
            throw new StorageException("disk full");
          }

          @Override
          public Page<AuditEvent> list(String userId, PageRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Page<AuditEvent> search(Filter filter, PageRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public java.util.List<String> clientNames() {
            throw new UnsupportedOperationException();
          }

          @Override
          public java.util.List<String> userIds() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int deleteOlderThan(Instant cutoff) {
            throw new UnsupportedOperationException();
          }
        };
    AuditService audit = new AuditService(failing, clock, GeoLocator.NONE);
    assertThatCode(() -> audit.record(AuditEvents.SIGN_IN, "u1", RequestOrigin.UNKNOWN, Map.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void recordWhenUserAgentHugeThenTruncated() {
    AuditService audit = new AuditService(storage.auditLog(), clock, GeoLocator.NONE);
    audit.record(AuditEvents.SIGN_IN, null, new RequestOrigin(null, "x".repeat(10_000)));
    assertThat(storage.auditLog().list(null, PageRequest.of(1, 10)).items().get(0).userAgent())
        .hasSize(512);
  }
}
