package io.pocketid.core.store.contract;

import static io.pocketid.core.store.contract.Fixtures.T0;
import static io.pocketid.core.store.contract.Fixtures.at;
import static io.pocketid.core.store.contract.Fixtures.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.AuditEvent;
import io.pocketid.core.model.User;
import io.pocketid.core.store.AuditLogStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.Sort;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class AuditLogContract extends ContractSupport {
  private User alice;
  private User bob;

  private AuditLogStore log() {
    return storage().auditLog();
  }

  @BeforeEach
  void createUsers() {
    alice = createUser("alice");
    bob = createUser("bob");
  }

  @Test
  void appendThenListReturnsTheEventWithEveryField() {
    AuditEvent e =
        new AuditEvent(
            Fixtures.id("e"),
            at(1),
            "SIGN_IN",
            "2001:db8::1",
            "curl/8",
            alice.id(),
            "CH",
            "Bern",
            Map.of("clientName", "Grafana", "note", "{\"json\": true}"));
    log().append(e);
    assertThat(log().list(null, PageRequest.of(1, 10)).items()).containsExactly(e);
  }

  @Test
  void appendWhenNullableFieldsAreNullThenTheyRoundTripAsNull() {
    AuditEvent e =
        new AuditEvent(Fixtures.id("e"), T0, "SIGN_IN", null, null, null, null, null, Map.of());
    log().append(e);
    assertThat(log().list(null, PageRequest.of(1, 10)).items()).containsExactly(e);
  }

  @Test
  void listIsNewestFirstByDefaultAndPaginates() {
    log().append(auditEvent("e1", "SIGN_IN", alice.id(), at(1)));
    log().append(auditEvent("e3", "SIGN_IN", alice.id(), at(3)));
    log().append(auditEvent("e2", "SIGN_IN", alice.id(), at(2)));
    Page<AuditEvent> first = log().list(null, PageRequest.of(1, 2));
    assertThat(first.totalItems()).isEqualTo(3);
    assertThat(first.totalPages()).isEqualTo(2);
    assertThat(map(first.items(), AuditEvent::createdAt)).containsExactly(at(3), at(2));
    assertThat(map(log().list(null, PageRequest.of(2, 2)).items(), AuditEvent::createdAt))
        .containsExactly(at(1));
    assertThat(log().list(null, PageRequest.of(3, 2)).items()).isEmpty();
  }

  @Test
  void listForOneUserReturnsOnlyTheirEvents() {
    log().append(auditEvent("a", "SIGN_IN", alice.id(), at(1)));
    log().append(auditEvent("b", "SIGN_IN", bob.id(), at(2)));
    log().append(auditEvent("n", "SIGN_IN", null, at(3)));
    Page<AuditEvent> page = log().list(alice.id(), PageRequest.of(1, 10));
    assertThat(page.totalItems()).isEqualTo(1);
    assertThat(map(page.items(), AuditEvent::id)).containsExactly(Fixtures.id("audit:a"));
    assertThat(log().list(null, PageRequest.of(1, 10)).totalItems()).isEqualTo(3);
  }

  @Test
  void listSortsByEveryDocumentedColumnBothWays() {
    log().append(auditEvent("b", "EVENT_B", null, at(2)));
    log().append(auditEvent("c", "EVENT_C", null, at(3)));
    log().append(auditEvent("a", "EVENT_A", null, at(1)));
    for (String column : new String[] {"createdAt", "event"}) {
      PageRequest request = PageRequest.of(1, 10);
      assertThat(
              map(log().list(null, request.withSort(Sort.asc(column))).items(), AuditEvent::event))
          .as(column)
          .containsExactly("EVENT_A", "EVENT_B", "EVENT_C");
      assertThat(
              map(log().list(null, request.withSort(Sort.desc(column))).items(), AuditEvent::event))
          .as(column)
          .containsExactly("EVENT_C", "EVENT_B", "EVENT_A");
    }
  }

  @Test
  void listWhenSortColumnUnknownThenIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> log().list(null, PageRequest.of(1, 10).withSort(Sort.asc("data"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data");
  }

  @Test
  void listSearchMatchesEveryDocumentedFieldIgnoringCase() {
    log()
        .append(
            new AuditEvent(
                Fixtures.id("1"), at(1), "TOKEN_SIGN_IN", null, null, null, null, null, Map.of()));
    log()
        .append(
            new AuditEvent(
                Fixtures.id("2"), at(2), "X", "198.51.100.77", null, null, null, null, Map.of()));
    log()
        .append(
            new AuditEvent(
                Fixtures.id("3"), at(3), "X", null, "Firefox/140", null, null, null, Map.of()));
    log()
        .append(
            new AuditEvent(
                Fixtures.id("4"), at(4), "X", null, null, null, "Liechtenstein", null, Map.of()));
    log()
        .append(
            new AuditEvent(
                Fixtures.id("5"), at(5), "X", null, null, null, null, "Winterthur", Map.of()));
    PageRequest request = PageRequest.of(1, 10);
    assertThat(map(log().list(null, request.withSearch("token_sign")).items(), AuditEvent::id))
        .containsExactly(Fixtures.id("1"));
    assertThat(map(log().list(null, request.withSearch("100.77")).items(), AuditEvent::id))
        .containsExactly(Fixtures.id("2"));
    assertThat(map(log().list(null, request.withSearch("FIREFOX")).items(), AuditEvent::id))
        .containsExactly(Fixtures.id("3"));
    assertThat(map(log().list(null, request.withSearch("liechten")).items(), AuditEvent::id))
        .containsExactly(Fixtures.id("4"));
    assertThat(map(log().list(null, request.withSearch("WINTER")).items(), AuditEvent::id))
        .containsExactly(Fixtures.id("5"));
    assertThat(log().list(null, request.withSearch("nothing-matches")).totalItems()).isZero();
  }

  @Test
  void deleteOlderThanDeletesExactlyTheOlderEvents() {
    log().append(auditEvent("old", "SIGN_IN", null, at(-1)));
    log().append(auditEvent("cut", "SIGN_IN", null, T0));
    log().append(auditEvent("new", "SIGN_IN", null, at(1)));
    assertThat(log().deleteOlderThan(T0)).isEqualTo(1);
    assertThat(map(log().list(null, PageRequest.of(1, 10)).items(), AuditEvent::createdAt))
        .containsExactly(at(1), T0);
  }

  private static AuditEvent event(
      String name, String event, String userId, String country, String clientName, long at) {
    return new AuditEvent(
        Fixtures.id("audit:" + name),
        Fixtures.at(at),
        event,
        "192.0.2.1",
        "ua",
        userId,
        country,
        null,
        clientName == null ? Map.of() : Map.of("clientName", clientName));
  }

  @Test
  void listWithFilterMatchesEveryGivenField() {
    log().append(event("a", "SIGN_IN", alice.id(), "Internal Network", null, 1));
    log().append(event("b", "CLIENT_AUTHORIZATION", alice.id(), "CH", "Grafana", 2));
    log().append(event("c", "CLIENT_AUTHORIZATION", bob.id(), null, "Immich", 3));
    log().append(event("d", "SIGN_IN", bob.id(), "Internal Network", null, 4));
    PageRequest all = PageRequest.of(1, 10);

    assertThat(names(log().search(AuditLogStore.Filter.NONE, all)))
        .containsExactly("d", "c", "b", "a");
    assertThat(names(log().search(new AuditLogStore.Filter(alice.id(), null, null, null), all)))
        .containsExactly("b", "a");
    assertThat(names(log().search(new AuditLogStore.Filter(null, "SIGN_IN", null, null), all)))
        .containsExactly("d", "a");
    assertThat(names(log().search(new AuditLogStore.Filter(null, null, "Immich", null), all)))
        .containsExactly("c");
    assertThat(
            names(
                log()
                    .search(
                        new AuditLogStore.Filter(null, null, null, AuditLogStore.Location.INTERNAL),
                        all)))
        .containsExactly("d", "a");
    assertThat(
            names(
                log()
                    .search(
                        new AuditLogStore.Filter(null, null, null, AuditLogStore.Location.EXTERNAL),
                        all)))
        .containsExactly("c", "b");
    Page<AuditEvent> page =
        log()
            .search(
                new AuditLogStore.Filter(
                    bob.id(), "SIGN_IN", null, AuditLogStore.Location.INTERNAL),
                PageRequest.of(1, 1));
    assertThat(names(page)).containsExactly("d");
    assertThat(page.totalItems()).isEqualTo(1);
  }

  private static java.util.List<String> names(Page<AuditEvent> page) {
    return page.items().stream()
        .map(e -> e.id())
        .map(
            id ->
                java.util.Map.of(
                        Fixtures.id("audit:a"),
                        "a",
                        Fixtures.id("audit:b"),
                        "b",
                        Fixtures.id("audit:c"),
                        "c",
                        Fixtures.id("audit:d"),
                        "d")
                    .get(id))
        .toList();
  }

  @Test
  void clientNamesAndUserIdsAreDistinctAndSorted() {
    assertThat(log().clientNames()).isEmpty();
    assertThat(log().userIds()).isEmpty();
    log().append(event("a", "CLIENT_AUTHORIZATION", bob.id(), null, "Immich", 1));
    log().append(event("b", "CLIENT_AUTHORIZATION", alice.id(), null, "Grafana", 2));
    log().append(event("c", "CLIENT_AUTHORIZATION", alice.id(), null, "Immich", 3));
    log().append(event("d", "SIGN_IN", null, null, null, 4));
    assertThat(log().clientNames()).containsExactly("Grafana", "Immich");
    assertThat(log().userIds())
        .containsExactlyElementsOf(
            java.util.stream.Stream.of(alice.id(), bob.id()).sorted().toList());
  }
}
