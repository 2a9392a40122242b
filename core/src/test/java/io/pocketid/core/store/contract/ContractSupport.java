package io.pocketid.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.Storage;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Base of the per-aggregate parts of {@link StorageContract}: access to the storage under test. */
abstract class ContractSupport {
  /** The fresh storage of the current test. */
  protected abstract Storage storage();

  protected User createUser(String username) {
    User user = Fixtures.user(username).build();
    storage().users().create(user);
    return user;
  }

  protected UserGroup createGroup(String name) {
    UserGroup group = Fixtures.group(name);
    storage().groups().create(group);
    return group;
  }

  protected OidcClient createClient(String clientId) {
    OidcClient client = Fixtures.client(clientId).build();
    storage().clients().create(client);
    return client;
  }

  /**
   * Checks a {@link DuplicateKeyException}: it names the unique field {@code key}, an entity, and
   * its message carries the key.
   */
  protected static Consumer<DuplicateKeyException> duplicateKey(String key) {
    return e -> {
      assertThat(e.key()).as("DuplicateKeyException.key()").isEqualTo(key);
      assertThat(e.entity()).as("DuplicateKeyException.entity()").isNotBlank();
      assertThat(e.getMessage()).contains(key);
    };
  }

  protected static <T, R> List<R> map(List<T> items, Function<T, R> f) {
    return items.stream().map(f).toList();
  }
}
