package io.pocketid.oidc.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.service.ImageService;
import io.pocketid.core.service.ServiceError;
import io.pocketid.core.service.ServiceException;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.contract.Fixtures;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.oidc.client.ClientSecrets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientServiceTest {
  private final InMemoryStorage storage = new InMemoryStorage();
  private final ClientService service =
      new ClientService(
          storage.clients(),
          storage.groups(),
          new ImageService(storage.images(), Clock.systemUTC()),
          Clock.systemUTC(),
          new RandomTokens());

  private static ClientDraft draft(String id, String name, List<String> callbacks) {
    return new ClientDraft(id, name, callbacks, null, false, false, false, null, null, null);
  }

  private static ServiceError errorOf(Runnable call) {
    try {
      call.run();
    } catch (ServiceException e) {
      return e.error();
    }
    throw new AssertionError("no ServiceException");
  }

  @Test
  void createKeepsTheClientWithoutASecretAndANewSecretIsStoredHashed() {
    service.create(draft("grafana", "Grafana", List.of("https://grafana.test/cb")), "admin");

    String secret = service.newSecret("grafana");

    OidcClient stored = service.get("grafana");
    assertThat(secret).hasSize(32);
    assertThat(stored.secretHash()).isNotEqualTo(secret);
    assertThat(new ClientSecrets().verify(secret, stored.secretHash())).isTrue();
  }

  @Test
  void invalidInputIsRefusedNamingTheProblemAndNothingIsStored() {
    assertThatThrownBy(() -> service.create(draft("a", "App", List.of()), "admin"))
        .hasMessageContaining("Client ID must be 2 to 128 characters");
    assertThatThrownBy(() -> service.create(draft(null, " ", List.of()), "admin"))
        .hasMessage("Name is required");
    assertThatThrownBy(
            () -> service.create(draft(null, "App", List.of("https://a.test/#frag")), "admin"))
        .hasMessageContaining("Callback URL 'https://a.test/#frag' is invalid");

    assertThat(service.list(PageRequest.of(1, 10)).totalItems()).isZero();
  }

  @Test
  void aTakenIdIsRefusedAndTheFirstClientIsKept() {
    service.create(draft("app", "First", List.of()), "admin");

    assertThatThrownBy(() -> service.create(draft("app", "Second", List.of()), "admin"))
        .hasMessage("Client ID already in use");
    assertThat(service.get("app").name()).isEqualTo("First");
  }

  @Test
  void updateKeepsSecretUnlessTheClientBecomesPublic() {
    service.create(draft("app", "App", List.of()), "admin");
    service.newSecret("app");

    service.update("app", draft(null, "Renamed", List.of()));
    assertThat(service.get("app").secretHash()).isNotNull();
    service.update(
        "app", new ClientDraft(null, "Public", null, null, true, false, false, null, null, null));

    assertThat(service.get("app").secretHash()).isNull();
    assertThat(service.get("app").pkceEnabled()).as("public clients use PKCE").isTrue();
  }

  @Test
  void allowedGroupsAreListedWithTheClientAndUnknownOnesRefused() {
    service.create(draft("app", "App", List.of()), "admin");
    UserGroup group = Fixtures.group("staff");
    storage.groups().create(group);

    service.setAllowedGroups("app", List.of(group.id()));

    assertThat(service.details("app").allowedGroups()).containsExactly(group);
    assertThat(service.list(PageRequest.of(1, 10)).items().get(0).allowedGroupCount()).isOne();
    assertThat(errorOf(() -> service.setAllowedGroups("app", List.of("nope"))))
        .isEqualTo(ServiceError.NOT_FOUND);
    assertThat(errorOf(() -> service.setAllowedGroups("app", null)))
        .isEqualTo(ServiceError.INVALID_INPUT);
    assertThat(errorOf(() -> service.delete("missing"))).isEqualTo(ServiceError.NOT_FOUND);
  }
}
