package io.pocketid.core.service;

import io.pocketid.core.model.User;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.Storage;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * First-run setup: creates the initial admin while no user exists (Pocket ID: {@code POST
 * /api/signup/setup}).
 *
 * <p>Unlike Pocket ID v1.15, two concurrent setups cannot both succeed, also across instances on
 * one database: inside one transaction the new admin's id is claimed with {@link
 * io.pocketid.core.store.KeyValueStore#putIfAbsent} under {@value #INITIAL_ADMIN_KEY}, a unique
 * row, and only the caller whose id was stored creates the user. A consequence: once an initial
 * admin was created, setup stays completed even if every user is later deleted.
 */
public final class SetupService {
  /** The key-value entry that records the initial admin's id. */
  public static final String INITIAL_ADMIN_KEY = "initial_admin_id";

  private static final String ALREADY_COMPLETED = "Setup already completed";

  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> ids;
  private final BooleanSupplier requireUserEmail;

  /**
   * @param storage where users live
   * @param clock the creation time source
   * @param ids new user ids (UUID strings)
   * @param requireUserEmail the current value of the {@code requireUserEmail} app setting
   */
  public SetupService(
      Storage storage, Clock clock, Supplier<String> ids, BooleanSupplier requireUserEmail) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.requireUserEmail = Objects.requireNonNull(requireUserEmail, "requireUserEmail");
  }

  /** Whether an initial admin may still be created (no user exists and none was set up). */
  public boolean isSetupPending() {
    return storage.users().count() == 0 && storage.keyValues().get(INITIAL_ADMIN_KEY).isEmpty();
  }

  /**
   * Validates the request and creates the initial admin.
   *
   * @return the stored user
   * @throws ServiceException {@link ServiceError#INVALID_INPUT} for invalid fields, {@link
   *     ServiceError#SETUP_ALREADY_COMPLETED} when a user exists or another setup won the race
   */
  public User createInitialAdmin(SetupRequest request) {
    Objects.requireNonNull(request, "request");
    String email = UserInputRules.isEmpty(request.email()) ? null : request.email();
    new UserInputRules()
        .username(request.username())
        .optionalEmail(email)
        .firstName(request.firstName())
        .lastName(request.lastName())
        .check();
    if (email == null && requireUserEmail.getAsBoolean()) {
      throw new ServiceException(
          ServiceError.INVALID_INPUT, "The user does not have an email address set");
    }
    User admin = newAdmin(request, email);
    try {
      return storage.inTransaction(() -> claimAndCreate(admin));
    } catch (DuplicateKeyException e) {
      // A user appeared between the count and the insert (e.g. created by another path).
      throw new ServiceException(ServiceError.SETUP_ALREADY_COMPLETED, ALREADY_COMPLETED);
    }
  }

  private User claimAndCreate(User admin) {
    if (storage.users().count() > 0) {
      throw new ServiceException(ServiceError.SETUP_ALREADY_COMPLETED, ALREADY_COMPLETED);
    }
    String winner = storage.keyValues().putIfAbsent(INITIAL_ADMIN_KEY, admin.id());
    if (!winner.equals(admin.id())) {
      throw new ServiceException(ServiceError.SETUP_ALREADY_COMPLETED, ALREADY_COMPLETED);
    }
    storage.users().create(admin);
    return admin;
  }

  private User newAdmin(SetupRequest request, String email) {
    String lastName = request.lastName() == null ? "" : request.lastName();
    String displayName = (request.firstName() + " " + lastName).trim();
    return new User(
        ids.get(),
        clock.instant().truncatedTo(ChronoUnit.MILLIS),
        request.username(),
        email,
        request.firstName(),
        lastName,
        displayName,
        true,
        null,
        null,
        false);
  }
}
