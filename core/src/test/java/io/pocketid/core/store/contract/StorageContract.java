package io.pocketid.core.store.contract;

import io.pocketid.core.store.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The storage contract kit: every documented behaviour of the storage SPI, as JUnit 5 tests, one
 * {@link Nested} class per aggregate. A backend passes the kit by extending this class:
 *
 * <pre>{@code
 * class MyStorageTest extends StorageContract {
 *   @Override
 *   protected Storage newStorage() {
 *     return new MyStorage(...); // fresh and empty
 *   }
 * }
 * }</pre>
 *
 * <p>The kit only relies on what the SPI documents: no insertion order where no order is
 * documented, timestamps compared at millisecond precision, ASCII text only, no nulls in sorted
 * columns, fixed instants (no sleeps, no wall clock). Fixtures come from {@link Fixtures}.
 */
public abstract class StorageContract {
  private Storage storage;

  /** A fresh, empty storage. Called once before each test; the kit closes it after the test. */
  protected abstract Storage newStorage();

  @BeforeEach
  void openStorage() {
    storage = newStorage();
  }

  @AfterEach
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  /** The storage of the current test. */
  protected final Storage storage() {
    return storage;
  }

  @Nested
  class Users extends UserContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Groups extends GroupContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class CustomClaims extends CustomClaimContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Clients extends ClientContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class AuthorizationCodes extends AuthorizationCodeContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class UsedCodes extends UsedCodeContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class RevokedGrants extends RevokedGrantContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class RefreshTokens extends RefreshTokenContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class DeviceCodes extends DeviceCodeContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Consents extends ConsentContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class LoginCodes extends LoginCodeContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class ReauthenticationTokens extends ReauthenticationTokenContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class SignupTokens extends SignupTokenContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class ApiKeys extends ApiKeyContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Passkeys extends PasskeyContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class WebauthnChallenges extends WebauthnChallengeContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Sessions extends SessionContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class AuditLog extends AuditLogContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class AppConfig extends AppConfigContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class SigningKeys extends SigningKeyContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class KeyValues extends KeyValueContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Images extends ImageContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Transactions extends TransactionContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Concurrency extends ConcurrencyContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }

  @Nested
  class Lifecycle extends LifecycleContract {
    @Override
    protected Storage storage() {
      return storage;
    }
  }
}
